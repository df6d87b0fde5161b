import Router from '@koa/router';
import { zhErrorMap } from '@doorstep/shared';
import { z } from 'zod';
import type { ZodTypeAny } from 'zod';

// Chinese messages for zod's built-in checks; below schemas' own messages in precedence.
z.setErrorMap(zhErrorMap);
import type { AppState, RouteDef } from './api';
import { checkAccess, resolveUser, type TokenSigner } from './auth';

function parse(schema: ZodTypeAny | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    // Prefix nested paths with where the value came from so the client can tell body from query.
    for (const issue of result.error.issues) if (where !== 'body') issue.path.unshift(where);
    throw result.error;
  }
  return result.data;
}

/** Mounts route definitions: authorize → validate → handler → respond. Every route must name its access rule. */
export function buildRouter(routes: RouteDef[], signer: TokenSigner): Router<AppState> {
  const router = new Router<AppState>();
  const seen = new Set<string>();
  for (const def of routes) {
    const key = `${def.method} ${def.path}`;
    if (seen.has(key)) throw new Error(`duplicate route ${key}`);
    seen.add(key);
    if (!def.access) throw new Error(`route ${key} has no access rule`);
    router[def.method](def.path, async (ctx) => {
      const user = resolveUser(signer, ctx.get('authorization'), def.access);
      ctx.state.user = user;
      checkAccess(def.access, user);
      const params = parse(def.params, ctx.params, 'params');
      const query = parse(def.query, { ...ctx.query }, 'query');
      const rawBody = (ctx.request as { body?: unknown }).body;
      const body = def.body ? parse(def.body, rawBody, 'body') : undefined;
      const result = await def.handler({ body, query, params, user, ctx: ctx as never });
      ctx.status = def.status ?? 200;
      ctx.body = result;
    });
  }
  return router;
}
