import type { ParameterizedContext } from 'koa';
import type { ZodType, ZodTypeAny, z } from 'zod';
import type { Role } from '@doorstep/shared';
import type { StaffActor } from '../modules/staff/actor';
import type { RouteLimitName } from './rate-limit';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** Methods whose requests carry a body: they pass the JSON-only gate (415) and the size limit (413) first. */
export const BODY_METHODS: readonly HttpMethod[] = ['post', 'put', 'patch'];

/** Who may call a route: anyone, any signed-in person, or people acting in one of the roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface AuthUser {
  id: string;
  roles: Role[];
  activeRole: Role;
  /** The login (refresh-token family) the access token belongs to; logout ends it. */
  sessionId?: string;
}

export interface AppState {
  requestId: string;
  user?: AuthUser;
}
export type AppContext = ParameterizedContext<AppState>;

type Infer<T> = T extends ZodTypeAny ? z.infer<T> : undefined;

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  user: AuthUser | undefined;
  /** The staff actor (id, name, center, scope), resolved once per request when a staff member calls. */
  staff: StaffActor | undefined;
  ctx: AppContext;
}

// The defaults are `any` so routes of different schemas share one RouteDef[]; route() infers each one exactly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface RouteDef<B extends ZodTypeAny | undefined = any, Q extends ZodTypeAny | undefined = any, P extends ZodTypeAny | undefined = any, R extends ZodTypeAny = any> {
  method: HttpMethod;
  /** Koa-router style path, e.g. /api/gigs/:id */
  path: string;
  summary: string;
  tags: string[];
  access: Access;
  /** 'city': only a 市级管理员 may call (district staff get 403). */
  staffScope?: 'city';
  /**
   * For a staff-reachable route with a record in its path: the district the record belongs to
   * (null: none can be determined, so the city scope only; undefined: no such record). The router
   * answers 404 unless the staff actor's scope covers it. 'city-wide' marks records that belong to no
   * center (the policy catalog). Deny by default: the router refuses to mount a staff route with
   * path parameters that says neither.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the route's own parsed params
  staffRecord?: 'city-wide' | ((params: any) => Promise<string | null | undefined>);
  /**
   * A staff decision on the record `:id`: once it succeeds the router writes it to the audit log
   * (who, which center, the decision — `action` or the body's `decision` — and the body's reason).
   */
  staffAudit?: { subjectType: string; action?: string };
  body?: B;
  query?: Q;
  params?: P;
  response: R;
  status?: number;
  /** Error statuses this route can answer besides validation/auth ones (documented in OpenAPI). */
  errors?: number[];
  /** Per-client limit applied by the router before anything else (settings in config, see rate-limit.ts). */
  rateLimit?: RouteLimitName;
  handler: (input: RouteInput<Infer<B>, Infer<Q>, Infer<P>>) => Promise<z.infer<R>> | z.infer<R>;
}

/** Identity helper that keeps the generic types of one route definition. */
export function route<B extends ZodTypeAny | undefined = undefined, Q extends ZodTypeAny | undefined = undefined, P extends ZodTypeAny | undefined = undefined, R extends ZodTypeAny = ZodType>(
  def: RouteDef<B, Q, P, R>,
): RouteDef<B, Q, P, R> {
  return def;
}
