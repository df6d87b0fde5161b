import type { Middleware } from 'koa';
import send from 'koa-send';

/** Webpack's content hash in a file name (`app.1a2b3c4d.js`): the bytes never change under that name. */
const HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+$/i;

/**
 * The H5 app's static files, shaped for weak mobile networks:
 * - precompressed `.br` / `.gz` siblings (written once by scripts/precompress.mjs after the build) are
 *   served to clients that accept them, never compressed per request;
 * - content-hashed files are `immutable` for a year, so a repeat visit asks for nothing but index.html;
 * - everything else (index.html above all) is `no-cache`: revalidated each visit and answered 304 when
 *   unchanged, so a new release is picked up at once.
 */
export function h5Static(root: string): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.body != null || ctx.status !== 404) return;
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return;
    if (ctx.path === '/api' || ctx.path.startsWith('/api/')) return;
    try {
      await send(ctx, ctx.path, {
        root,
        index: 'index.html',
        brotli: true,
        gzip: true,
        setHeaders(res, file) {
          res.setHeader('Vary', 'Accept-Encoding');
          const name = file.replace(/\.(br|gz)$/, '');
          res.setHeader('Cache-Control', HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    } catch (err) {
      if ((err as { status?: number }).status === 404) return;
      if ((err as { status?: number }).status === 400) { ctx.status = 400; return; }
      throw err;
    }
    if (ctx.body && ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
}
