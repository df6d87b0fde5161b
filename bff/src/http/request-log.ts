import crypto from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { AppState } from './api';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;
const STATIC_FILE = /^[\w.-]+\.(?:js|css|map|html|png|jpe?g|gif|svg|webp|ico|woff2?|ttf|json|txt)$/i;

/**
 * What the log line shows as the path: the matched route pattern (`/api/public/registration-verify/:code`),
 * so codes, tokens and ids in paths never reach the logs; for unmatched paths, every segment that
 * could be a code or token (long, or carrying digits) is replaced by `:x`.
 */
export function loggedPath(matchedRoute: unknown, path: string): string {
  if (typeof matchedRoute === 'string' && matchedRoute) return matchedRoute;
  return path
    .split('/')
    .map((seg) => (seg.length > 24 || (/\d/.test(seg) && !STATIC_FILE.test(seg)) || /%/.test(seg) ? ':x' : seg))
    .join('/');
}

/** Gives every request an id (kept from X-Request-Id when it looks safe) and logs one line per request. */
export function requestLog(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Route pattern only: paths and query strings can carry codes, tokens and identifiers.
      const path = loggedPath((ctx as { _matchedRoute?: unknown })._matchedRoute, ctx.path);
      logger.info({ requestId, method: ctx.method, path, status: ctx.status, ms: Math.round(ms * 10) / 10, user: ctx.state.user?.id }, 'request');
    }
  };
}
