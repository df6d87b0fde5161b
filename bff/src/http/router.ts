import { gzipSync } from 'node:zlib';
import Router from '@koa/router';
import { zhErrorMap } from '@doorstep/shared';
import { z } from 'zod';
import type { ZodTypeAny } from 'zod';

// Chinese messages for zod's built-in checks; below schemas' own messages in precedence.
z.setErrorMap(zhErrorMap);
import type { AppState, RouteDef } from './api';
import { checkAccess, resolveUser, type SessionGate, type TokenSigner } from './auth';
import { requireCity, sees, type StaffActor } from '../modules/staff/actor';
import { badRequest, notFound } from './errors';
import { byStaff, type AuditService } from '../modules/audit/service';
import type { RouteLimits } from './rate-limit';

/** Request steps around the handler: per-route client limits, the live-session check, the staff actor. */
export interface RouterGuards {
  limits?: RouteLimits;
  sessions?: SessionGate;
  /** Resolves the staff actor (id, name, center, scope) once per request for staff-reachable routes. */
  resolveStaff: (userId: string) => Promise<StaffActor>;
  /** Where staff decisions declared with `staffAudit` are recorded. */
  audit?: AuditService;
}

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

/**
 * Characters no text field may carry, whatever its schema: NUL (PostgreSQL's JSONB, the embedded
 * database's backend, cannot store it, and no person types it) and unpaired UTF-16 surrogates (not
 * valid Unicode). Returns the path of the first string that has one.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export function unstorableAt(v: unknown, at: string[] = [], depth = 0): string[] | null {
  if (typeof v === 'string') return UNSTORABLE.test(v) ? at : null;
  if (!v || typeof v !== 'object' || depth > 40) return null;
  for (const [k, x] of Object.entries(v)) {
    if (UNSTORABLE.test(k)) return [...at, k];
    const found = unstorableAt(x, [...at, k], depth + 1);
    if (found) return found;
  }
  return null;
}

function refuseUnstorable(value: unknown, where: string): void {
  const at = unstorableAt(value);
  if (!at) return;
  const field = (where === 'body' ? at : [where, ...at]).join('.');
  throw badRequest(`${field || '请求内容'}含有无法保存的字符（空字符或不完整的 Unicode 字符），请删除后重试`, [{ field, message: '含有无法保存的字符' }]);
}

const isPlainJson = (v: unknown): v is object => Array.isArray(v) || (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype);

/** Bodies at least this large are gzipped for clients that accept it (phones on slow networks). */
const GZIP_MIN_BYTES = 1024;

/**
 * JSON bytes (and their gzip) of a handler's result, remembered per result object: services that
 * answer repeated reads from a cache return the same object, so hot responses are serialized and
 * compressed once, not per request.
 */
const encodedCache = new WeakMap<object, { json: Buffer; gzip?: Buffer }>();
/** Accept-Encoding header → gzip acceptable? (clients send a handful of distinct headers; negotiation is cached) */
const gzipAccepted = new Map<string, boolean>();
interface JsonCtx { get(f: string): string; set(f: string, v: string): void; vary(f: string): void; acceptsEncodings(...e: string[]): string | false }
function jsonBody(ctx: JsonCtx, v: object): Buffer {
  let enc = encodedCache.get(v);
  if (!enc) {
    enc = { json: Buffer.from(JSON.stringify(v)) };
    encodedCache.set(v, enc);
  }
  ctx.set('Content-Type', 'application/json; charset=utf-8');
  if (enc.json.length < GZIP_MIN_BYTES) return enc.json;
  ctx.vary('Accept-Encoding');
  const header = ctx.get('accept-encoding');
  let gzip = gzipAccepted.get(header);
  if (gzip === undefined) {
    gzip = ctx.acceptsEncodings('gzip', 'identity') === 'gzip';
    if (gzipAccepted.size < 200) gzipAccepted.set(header, gzip);
  }
  if (!gzip) return enc.json;
  enc.gzip ??= gzipSync(enc.json);
  ctx.set('Content-Encoding', 'gzip');
  return enc.gzip;
}

/** Mounts route definitions: authorize → validate → handler → respond. Every route must name its access rule. */
export function buildRouter(routes: RouteDef[], signer: TokenSigner, guards: RouterGuards): Router<AppState> {
  const router = new Router<AppState>();
  const seen = new Set<string>();
  for (const def of routes) {
    const key = `${def.method} ${def.path}`;
    if (seen.has(key)) throw new Error(`duplicate route ${key}`);
    seen.add(key);
    if (!def.access) throw new Error(`route ${key} has no access rule`);
    // Routes open to any signed-in person (me, role switch, messages) need no staff scope.
    const staffReachable = Array.isArray(def.access) && def.access.includes('staff');
    if (def.staffScope && !(Array.isArray(def.access) && def.access.length === 1 && def.access[0] === 'staff')) throw new Error(`route ${key}: staffScope needs access ['staff']`);
    if (staffReachable && def.path.includes('/:') && !def.staffRecord && def.staffScope !== 'city') throw new Error(`route ${key}: a staff route with a record in its path must say whose record it is (staffRecord)`);
    const limit = def.rateLimit;
    if (limit && !guards.limits?.has(limit)) throw new Error(`route ${key} names an unknown rate limit ${limit}`);
    router[def.method](def.path, async (ctx) => {
      if (limit) await guards.limits!.consume(limit, ctx.ip);
      let user = resolveUser(signer, ctx.get('authorization'), def.access);
      if (user && guards.sessions) user = await guards.sessions.check(user, def.access);
      ctx.state.user = user;
      checkAccess(def.access, user);
      // One staff actor per request for every route a staff member can call: its scope decides what they see.
      const staff = staffReachable && user?.activeRole === 'staff' ? await guards.resolveStaff(user.id) : undefined;
      if (def.staffScope === 'city') requireCity(staff!);
      refuseUnstorable(ctx.query, 'query');
      refuseUnstorable((ctx.request as { body?: unknown }).body, 'body');
      const params = parse(def.params, ctx.params, 'params');
      const query = parse(def.query, { ...ctx.query }, 'query');
      if (staff && typeof def.staffRecord === 'function') {
        // Another center's record answers exactly like a missing one.
        const district = await def.staffRecord(params);
        if (district === undefined || !sees(staff, district)) throw notFound('找不到这条记录');
      }
      const rawBody = (ctx.request as { body?: unknown }).body;
      const body = def.body ? parse(def.body, rawBody, 'body') : undefined;
      const result = await def.handler({ body, query, params, user, staff, ctx: ctx as never });
      if (staff && def.staffAudit && guards.audit) {
        const b = (body ?? {}) as { decision?: string; reason?: string };
        await guards.audit.record({
          ...byStaff(staff), action: def.staffAudit.action ?? b.decision ?? def.method, subjectType: def.staffAudit.subjectType,
          subjectId: String((params as { id?: string } | undefined)?.id ?? ''), reason: b.reason ?? null,
        });
      }
      ctx.status = def.status ?? 200;
      if (isPlainJson(result)) {
        ctx.body = jsonBody(ctx, result);
      } else {
        ctx.body = result;
      }
    });
  }
  return router;
}
