import type { Connection } from 'mongoose';
import { HARBIN_DISTRICTS, centerByName, type ServiceCenter } from '@doorstep/shared';
import { forbidden, notFound } from '../../http/errors';
import { authModels } from '../auth/model';

/**
 * Who a staff member is for every staff-reachable route, resolved once per request by the router:
 * - scope `center`: a district service center's staff; sees and changes only records whose district
 *   the center covers;
 * - scope `city` (市级管理员, created only by the CLI): sees every center, and is the only scope
 *   that may change city-wide settings and the policy catalog.
 */
export interface StaffActor {
  id: string;
  name: string | null;
  scope: 'center' | 'city';
  /** The staff member's center; null for a city administrator. */
  center: ServiceCenter | null;
}

export const CITY_SCOPE_LABEL = '市级管理员';

/** Audit's `center` for an actor: the center code, or "city" for the city scope. */
export function auditCenter(actor: StaffActor): string {
  return actor.center?.code ?? 'city';
}

/**
 * The one scope rule. A record belongs to the center covering its district; a record whose district
 * cannot be determined (null) is visible to the city scope only, never to every center.
 */
export function sees(actor: StaffActor, district: string | null | undefined): boolean {
  if (actor.scope === 'city') return true;
  return !!district && !!actor.center && actor.center.districts.includes(district);
}

/** Throws the same 404 a missing record gives when the record is outside the actor's scope. */
export function assertSees(actor: StaffActor, district: string | null | undefined, message = '找不到这条记录'): void {
  if (!sees(actor, district)) throw notFound(message);
}

/**
 * A filter on a record's stored district field for lists and counts, so paging and counting happen
 * inside the query (never after a limit). City scope: no restriction. A center covering one district
 * gets an equality (which the database can push down), several districts an `$in`.
 */
export function scopeFilter(actor: StaffActor, field = 'district'): Record<string, unknown> {
  if (actor.scope === 'city') return {};
  const ds = actor.center?.districts ?? [];
  if (ds.length === 1) return { [field]: ds[0] };
  return { [field]: { $in: ds } };
}

/** Resolves staff actors from the users collection (one `_id` read). */
export class StaffDirectory {
  private readonly User;
  constructor(conn: Connection) {
    this.User = authModels(conn).User;
  }

  async resolve(userId: string): Promise<StaffActor> {
    const u = await this.User.findById(userId).select({ displayName: 1, serviceCenter: 1, staffScope: 1, roles: 1, disabledAt: 1 }).lean();
    if (!u || !(u.roles ?? []).includes('staff')) throw forbidden('此操作需要以「经办人员」身份进行');
    if (u.disabledAt) throw forbidden('账号已停用，请联系市级管理员', 'USER_DISABLED');
    const name = u.displayName ?? null;
    if ((u as { staffScope?: string | null }).staffScope === 'city') return { id: userId, name, scope: 'city', center: null };
    const center = (u.serviceCenter && centerByName(u.serviceCenter)) || null;
    if (!center) throw forbidden('你的经办账号没有分配服务中心，请联系市级管理员', 'NO_CENTER');
    return { id: userId, name, scope: 'center', center };
  }
}

/** Thrown by routes that only the city scope may call. */
export function requireCity(actor: StaffActor): void {
  if (actor.scope !== 'city') throw forbidden(`此操作需要${CITY_SCOPE_LABEL}权限：全市设置和政策目录由市级统一管理，请联系市人社局`, 'CITY_SCOPE_REQUIRED');
}

export function assertFound<T>(x: T | null | undefined, message = '找不到这条记录'): T {
  if (x === null || x === undefined) throw notFound(message);
  return x;
}


/** The whole city as one "center" (every district), for views a city administrator sees. */
export const CITY_CENTER: ServiceCenter = { code: 'city', name: '全市', districts: HARBIN_DISTRICTS.map((d) => d.code), address: '', phone: '12333' };

/** The center whose districts a view covers: the actor's own, or the whole city. */
export function actorCenter(actor: StaffActor): ServiceCenter {
  return actor.center ?? CITY_CENTER;
}

/** The kinds of center-owned records staff routes name in their paths. */
export type RecordKind = 'registration' | 'employer' | 'gig' | 'report' | 'policy';
/** The district a record belongs to (null: none determinable; undefined: no such record); see RouteDef.staffRecord. */
export type RecordDistrict = (kind: RecordKind, id: string) => Promise<string | null | undefined>;

/** Filter on a record's stored center code: none for the city scope, equality for a center. */
export function centerFilter(actor: StaffActor, field = 'centerCode'): Record<string, unknown> {
  return actor.scope === 'city' ? {} : { [field]: actor.center!.code };
}
