import { nextPhone, smsLogin, type TestApp } from './harness';

/** Fixed clock for gig tests: Tuesday 2026-03-10 09:00 in Beijing. */
export const GIG_NOW = Date.parse('2026-03-10T01:00:00Z');
export const TODAY = '2026-03-10';
export const TOMORROW = '2026-03-11';
export const DAOLI = { lat: 45.7576, lng: 126.6169 };

let ipSeq = 0;
export const nextIp = () => { ipSeq += 1; return `10.77.${Math.floor(ipSeq / 250)}.${ipSeq % 250}`; };

export interface Session { token: string; userId: string; phone: string }

export async function workerSession(t: TestApp): Promise<Session> {
  const phone = nextPhone();
  const s = await smsLogin(t, phone, nextIp());
  return { token: s.accessToken, userId: s.user.id, phone };
}

export async function staffSession(t: TestApp): Promise<Session> {
  const phone = nextPhone();
  await t.services.auth.upsertStaff(phone, '测试经办', '道里区公共就业服务中心');
  const s = await smsLogin(t, phone, nextIp());
  return { token: s.accessToken, userId: s.user.id, phone };
}

export const onboardBody = (over: Record<string, unknown> = {}) => ({
  kind: 'enterprise', name: '哈尔滨顺达物流有限公司', creditCode: '91350100M000100Y43', contactName: '张经理', contactPhone: '13800000101',
  address: '道里区安静街 10 号', ...over,
});

/** An employer account; verified by staff unless told otherwise. */
export async function employerSession(t: TestApp, opts: { staff?: Session; verify?: boolean; profile?: Record<string, unknown> } = {}): Promise<Session & { employerId: string }> {
  const w = await workerSession(t);
  const switched = await t.request('POST', '/api/me/role', { body: { role: 'employer' }, token: w.token });
  const token = switched.body.accessToken as string;
  const p = await t.request('POST', '/api/employer/profile', { body: onboardBody(opts.profile), token });
  if (p.status !== 200) throw new Error(`onboard failed: ${JSON.stringify(p.body)}`);
  const employerId = p.body.employer.id as string;
  if (opts.verify !== false && opts.staff) {
    const r = await t.request('POST', `/api/staff/employers/${employerId}/review`, { body: { decision: 'approve' }, token: opts.staff.token });
    if (r.status !== 200) throw new Error(`verify failed: ${JSON.stringify(r.body)}`);
  }
  return { ...w, token, employerId };
}

export const gigBody = (over: Record<string, unknown> = {}) => ({
  title: '仓库搬运装卸工', category: '搬运装卸', headcount: 3, payAmount: 200, payUnit: 'day', settlement: 'daily',
  date: TODAY, startTime: '13:00', endTime: '18:00', place: { ...DAOLI, address: '道里区安静街 10 号仓库' },
  requirements: '能干重活，男女不限', contactName: '张经理', contactPhone: '13800000101', ...over,
});

export async function postGig(t: TestApp, emp: Session, over: Record<string, unknown> = {}): Promise<string> {
  const r = await t.request('POST', '/api/employer/gigs', { body: gigBody(over), token: emp.token });
  if (r.status !== 201) throw new Error(`post failed: ${JSON.stringify(r.body)}`);
  return r.body.gig.id as string;
}

/** `n` identical calls at once. */
export function parallel<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
}

/** Statuses of parallel answers, counted: { 200: 1, 409: 19 }. */
export function statusCounts(rs: { status: number }[]): Record<number, number> {
  const m: Record<number, number> = {};
  for (const r of rs) m[r.status] = (m[r.status] ?? 0) + 1;
  return m;
}

/** Notifications stored for a user (optionally of one kind). */
export async function notificationCount(t: TestApp, userId: string, kind?: string): Promise<number> {
  const { Types } = await import('mongoose');
  return t.conn.collection('notifications').countDocuments({ userId: new Types.ObjectId(userId), ...(kind ? { kind } : {}) });
}

/** A worker applied to a fresh gig of `emp` and, unless told otherwise, accepted and brought to `upTo`. */
export async function applicationAt(
  t: TestApp, emp: Session, upTo: 'applied' | 'accepted' | 'checked_in' | 'completed', over: Record<string, unknown> = {},
): Promise<{ w: Session; gig: string; appId: string }> {
  const w = await workerSession(t);
  const gig = await postGig(t, emp, over);
  const a = await t.request('POST', `/api/gigs/${gig}/apply`, { token: w.token });
  if (a.status !== 200) throw new Error(`apply failed: ${JSON.stringify(a.body)}`);
  const appId = a.body.id as string;
  const steps = { applied: [], accepted: ['accept'], checked_in: ['accept', 'check-in'], completed: ['accept', 'check-in', 'complete'] }[upTo];
  for (const s of steps) {
    const r = await t.request('POST', `/api/employer/gig-applications/${appId}/${s}`, { token: emp.token });
    if (r.status !== 200) throw new Error(`${s} failed: ${JSON.stringify(r.body)}`);
  }
  return { w, gig, appId };
}
