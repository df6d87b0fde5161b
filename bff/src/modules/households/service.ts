import { Types, type Connection, type Model } from 'mongoose';
import type { Logger } from 'pino';
import { HARBIN_DISTRICTS, maskIdNumber, maskName, toChinaDateString, validateIdDocument, type IdDocType } from '@doorstep/shared';
import { Consistency } from '../../db/consistency';
import { badRequest, conflict, notFound } from '../../http/errors';
import type { Pii } from '../../security/pii';
import type { EmploymentService } from '../registration/employment';
import type { RegistrationService } from '../registration/service';
import { assertSees, sees, type StaffActor } from '../staff/actor';
import { householdModel, type Household, type HouseholdMember } from './model';

type Doc = Household & { _id: Types.ObjectId };
const DAY = 86_400_000;

export interface MemberInput { name: string; idType?: IdDocType; idNumber: string; relation: string; ableToWork: boolean; wantsWork: boolean; employed: boolean }
export interface HouseholdInput { district: string; street: string; address: string; members: MemberInput[] }

export interface HouseholdDeps {
  conn: Connection;
  pii: Pii;
  registrations: RegistrationService;
  employment: EmploymentService;
  now?: () => number;
  logger?: Logger;
}

/** Whole days from the China date `from` to the China date `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/**
 * 零就业家庭 (人社部发〔2018〕77号; HLJ 六 动态清零): households kept by the center's staff. A household
 * with no member employed is open from the day it reaches zero until a member's 就业登记 clears it —
 * through the employment service's onRecorded listener, and, should that fail or another process have
 * recorded it, through `reconcile` (a daily scheduled job) reading the employments by member blind index.
 */
export class HouseholdService {
  readonly Household: Model<Household>;
  private readonly c: Consistency;
  private readonly nowFn: () => number;

  constructor(private readonly deps: HouseholdDeps) {
    this.Household = householdModel(deps.conn);
    this.c = new Consistency(deps.conn);
    this.nowFn = deps.now ?? Date.now;
  }

  private now(): Date { return new Date(this.nowFn()); }
  private today(): string { return toChinaDateString(this.now()); }

  // ---- staff -------------------------------------------------------------------------------

  async list(actor: StaffActor, q: { status?: string }) {
    const filter: Record<string, unknown> = {};
    if (actor.scope !== 'city') filter.district = { $in: actor.center?.districts ?? [] };
    if (q.status) filter.status = q.status;
    const rows = (await this.Household.find(filter).sort({ zeroSinceAt: 1, createdAt: -1 }).limit(200).lean()) as Doc[];
    return { items: rows.filter((r) => sees(actor, r.district)).map((r) => this.view(r)) };
  }

  async detail(actor: StaffActor, id: string) {
    return { household: this.view(await this.staffDoc(actor, id)) };
  }

  async districtOf(id: string): Promise<string | null | undefined> {
    if (!Types.ObjectId.isValid(id)) return undefined;
    const h = await this.Household.findById(id).select({ district: 1 }).lean();
    return h ? h.district : undefined;
  }

  async create(actor: StaffActor, body: HouseholdInput) {
    this.checkDistrict(actor, body);
    const _id = new Types.ObjectId();
    const members = this.members(_id, body.members, []);
    const hashes = members.map((m) => m.idHash);
    if (new Set(hashes).size !== hashes.length) throw badRequest('家庭成员的证件号码有重复', [{ field: 'members', message: '证件号码重复' }]);
    const now = this.now();
    const anyEmployed = members.some((m) => m.employed);
    // A person belongs to one household: creates that share their first member (sorted) run one at a time,
    // and a member already kept in another household is refused (a repeated or double-tapped create too).
    const doc = await this.c.atomically(`hh-person:${[...hashes].sort()[0]}`, async () => {
      for (const h of hashes) {
        if (await this.Household.exists({ memberHashes: h })) throw conflict('该成员已登记在另一户家庭中，请到那户家庭修改', 'MEMBER_IN_OTHER_HOUSEHOLD');
      }
      return (await this.Household.create({
        _id, district: body.district, street: body.street, centerCode: actor.center?.code ?? null, addressEnc: this.deps.pii.encryptFor(body.address, `households/${_id.toString()}/address`),
        members, memberHashes: hashes, status: anyEmployed ? 'employed' : 'open', zeroSince: anyEmployed ? null : this.today(), zeroSinceAt: anyEmployed ? null : now,
        clearedAt: null, clearedBy: null, clearedAfterDays: null, createdBy: new Types.ObjectId(actor.id), rev: 0,
      })).toObject() as Doc;
    });
    return { household: this.view(doc) };
  }

  async update(actor: StaffActor, id: string, body: HouseholdInput) {
    const found = await this.staffDoc(actor, id);
    this.checkDistrict(actor, body);
    const updated = await this.c.atomically(`hh:${id}`, async (tx) => {
      const h = (await this.Household.findById(found._id).lean()) as Doc | null;
      if (!h) throw notFound('找不到这户家庭');
      const members = this.members(h._id, body.members, h.members);
      const hashes = members.map((m) => m.idHash);
      if (new Set(hashes).size !== hashes.length) throw badRequest('家庭成员的证件号码有重复', [{ field: 'members', message: '证件号码重复' }]);
      const set: Record<string, unknown> = {
        district: body.district, street: body.street, addressEnc: this.deps.pii.encryptFor(body.address, `households/${id}/address`), members, memberHashes: hashes,
        ...this.zeroTransition(h, members.some((m) => m.employed)),
      };
      await tx.write(this.Household, h._id, h.rev, { $set: set });
      return (await this.Household.findById(h._id).lean()) as Doc;
    });
    return { household: this.view(updated) };
  }

  /** Employed → nobody: reopened with a new zeroSince; open → someone employed (entered by staff): cleared. */
  private zeroTransition(h: Doc, anyEmployed: boolean): Record<string, unknown> {
    if (!anyEmployed && h.status !== 'open') return { status: 'open', zeroSince: this.today(), zeroSinceAt: this.now() };
    if (anyEmployed && h.status === 'open') {
      return { status: 'cleared', clearedAt: this.now(), clearedBy: null, clearedAfterDays: daysBetween(h.zeroSince!, this.today()), zeroSince: null, zeroSinceAt: null };
    }
    return {};
  }

  private checkDistrict(actor: StaffActor, body: HouseholdInput) {
    const d = HARBIN_DISTRICTS.find((x) => x.code === body.district);
    if (!d) throw badRequest('请选择所在区', [{ field: 'district', message: '所在区不正确' }]);
    if (!sees(actor, body.district)) throw badRequest(`所在区不在${actor.center?.name ?? '本中心'}服务范围内`, [{ field: 'district', message: '不在本中心服务范围内' }], 'OUTSIDE_CENTER');
    if (!d.streets.includes(body.street)) throw badRequest('请选择所在街道', [{ field: 'street', message: '街道不在所选区内' }]);
  }

  private members(id: Types.ObjectId, input: MemberInput[], existing: HouseholdMember[]): HouseholdMember[] {
    return input.map((m, i) => {
      const idType = m.idType ?? 'resident_id';
      const checked = validateIdDocument(idType, m.idNumber, this.now());
      if (!checked.ok) throw badRequest(`第${i + 1}位成员：${checked.message}`, [{ field: `members.${i}.idNumber`, message: checked.message }]);
      const idHash = this.deps.pii.blindIndex('idNumber', `${idType}:${checked.normalized}`);
      const prev = existing.find((e) => e.idHash === idHash);
      const _id = prev?._id ?? new Types.ObjectId();
      const aad = `households/${id.toString()}/members/${_id.toString()}`;
      return {
        _id, idType, idHash, relation: m.relation, ableToWork: m.ableToWork, wantsWork: m.wantsWork, employed: m.employed,
        employmentId: m.employed ? (prev?.employmentId ?? null) : null,
        nameEnc: this.deps.pii.encryptFor(m.name, `${aad}/name`), idEnc: this.deps.pii.encryptFor(checked.normalized, `${aad}/idNumber`),
      };
    });
  }

  private async staffDoc(actor: StaffActor, id: string): Promise<Doc> {
    const h = Types.ObjectId.isValid(id) ? ((await this.Household.findById(id).lean()) as Doc | null) : null;
    if (!h) throw notFound('找不到这户家庭');
    assertSees(actor, h.district, '找不到这户家庭');
    return h;
  }

  // ---- worker ------------------------------------------------------------------------------

  /** The worker's own household: one whose member ID number matches their registration's. */
  async mine(userId: string) {
    const idHash = await this.deps.registrations.idHashOfUser(userId);
    if (!idHash) return { household: null };
    const h = (await this.Household.findOne({ memberHashes: idHash }).sort({ updatedAt: -1 }).lean()) as Doc | null;
    return { household: h ? this.view(h, idHash) : null };
  }

  /** Whether the person's household is currently flagged 零就业家庭 (for the hardship decision). */
  async flagFor(userId: string): Promise<{ flagged: boolean; zeroSince: string | null; daysAtZero: number | null } | null> {
    const idHash = await this.deps.registrations.idHashOfUser(userId);
    if (!idHash) return null;
    const h = (await this.Household.findOne({ memberHashes: idHash }).sort({ updatedAt: -1 }).lean()) as Doc | null;
    if (!h) return null;
    return { flagged: h.status === 'open', zeroSince: h.zeroSince, daysAtZero: h.status === 'open' ? daysBetween(h.zeroSince!, this.today()) : null };
  }

  // ---- the 就业登记 link --------------------------------------------------------------------

  /** The employment service's listener: clears every open household the employed person is a member of. */
  async onEmploymentRecorded(e: { employmentId: string; idHash: string | null }): Promise<number> {
    if (!e.idHash) return 0;
    const open = (await this.Household.find({ memberHashes: e.idHash, status: 'open' }).select({ _id: 1 }).lean()) as { _id: Types.ObjectId }[];
    let n = 0;
    for (const h of open) if (await this.clear(h._id, e.idHash, new Types.ObjectId(e.employmentId))) n++;
    return n;
  }

  /** Reconcile: open households with a member whose 就业登记 was recorded since the household reached zero. */
  async reconcile(): Promise<{ checked: number; cleared: number }> {
    const open = (await this.Household.find({ status: 'open' }).lean()) as Doc[];
    let cleared = 0;
    for (const h of open) {
      const emps = await this.deps.employment.recordedSince(h.memberHashes, h.zeroSinceAt ?? new Date(0));
      const e = emps[0];
      if (e && (await this.clear(h._id, e.idHash, e.id))) cleared++;
    }
    return { checked: open.length, cleared };
  }

  private async clear(id: Types.ObjectId, idHash: string, employmentId: Types.ObjectId): Promise<boolean> {
    try {
      return await this.c.atomically(`hh:${id.toString()}`, async (tx) => {
        const h = (await this.Household.findById(id).lean()) as Doc | null;
        if (!h || h.status !== 'open') return false;
        const m = h.members.find((x) => x.idHash === idHash);
        if (!m) return false;
        const members = h.members.map((x) => (x._id.equals(m._id) ? { ...x, employed: true, employmentId } : x));
        const at = this.now();
        await tx.write(this.Household, h._id, h.rev, { $set: {
          members, status: 'cleared', clearedAt: at, clearedBy: { memberId: m._id, employmentId }, clearedAfterDays: daysBetween(h.zeroSince!, this.today()), zeroSince: null, zeroSinceAt: null,
        } });
        return true;
      });
    } catch (err) {
      // Another process cleared it at the same step: the fence refused this one; nothing written twice.
      if ((err as { status?: number }).status === 409) return false;
      throw err;
    }
  }

  // ---- workbench ---------------------------------------------------------------------------

  /** Open households for the staff inbox, longest at zero first; due 30 days after reaching zero (help within the month). */
  async openForInbox(actor: StaffActor, limit: number) {
    const filter: Record<string, unknown> = { status: 'open' };
    if (actor.scope !== 'city') filter.district = { $in: actor.center?.districts ?? [] };
    const rows = (await this.Household.find(filter).sort({ zeroSinceAt: 1 }).limit(limit).lean()) as Doc[];
    const today = this.today();
    return rows.filter((r) => sees(actor, r.district) && r.zeroSince).map((r) => ({
      id: r._id.toString(), title: `${r.street} 零就业家庭`, subtitle: `已归零 ${daysBetween(r.zeroSince!, today)} 天 · 成员 ${r.members.length} 人（有劳动能力 ${r.members.filter((m) => m.ableToWork).length} 人）`,
      district: r.district, receivedAt: r.zeroSinceAt ? new Date(r.zeroSinceAt) : null, deadline: toChinaDateString(new Date(Date.parse(`${r.zeroSince}T12:00:00+08:00`) + 30 * DAY)),
    }));
  }

  // ---- dashboard ---------------------------------------------------------------------------

  /** Open 零就业家庭 per district: count, median days at zero, over 30 and over 90 days. */
  async dashboard(districts: string[]) {
    const today = this.today();
    const out: { district: string; open: number; medianDays: number | null; over30: number; over90: number }[] = [];
    for (const district of districts) {
      const rows = (await this.Household.find({ district, status: 'open' }).select({ zeroSince: 1 }).lean()) as Doc[];
      const days = rows.map((r) => daysBetween(r.zeroSince!, today)).sort((a, b) => a - b);
      const mid = Math.floor(days.length / 2);
      const median = days.length === 0 ? null : days.length % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2;
      out.push({ district, open: days.length, medianDays: median, over30: days.filter((d) => d > 30).length, over90: days.filter((d) => d > 90).length });
    }
    return out;
  }

  // ---- view --------------------------------------------------------------------------------

  private view(h: Doc, ownHash?: string) {
    const id = h._id.toString();
    const today = this.today();
    return {
      id, district: h.district, districtName: HARBIN_DISTRICTS.find((d) => d.code === h.district)?.name ?? h.district, street: h.street,
      addressMasked: maskAddress(this.deps.pii.decryptFor(h.addressEnc, `households/${id}/address`)),
      status: h.status, zeroEmployment: h.status === 'open', zeroSince: h.zeroSince,
      daysAtZero: h.status === 'open' && h.zeroSince ? daysBetween(h.zeroSince, today) : null,
      clearedAt: h.clearedAt ? new Date(h.clearedAt).toISOString() : null, clearedAfterDays: h.clearedAfterDays,
      clearedBy: h.clearedBy ? { memberId: h.clearedBy.memberId.toString(), employmentId: h.clearedBy.employmentId ? h.clearedBy.employmentId.toString() : null } : null,
      members: h.members.map((m) => {
        const aad = `households/${id}/members/${m._id.toString()}`;
        return {
          id: m._id.toString(), nameMasked: maskName(this.deps.pii.decryptFor(m.nameEnc, `${aad}/name`)), idNumberMasked: maskIdNumber(this.deps.pii.decryptFor(m.idEnc, `${aad}/idNumber`)),
          relation: m.relation, ableToWork: m.ableToWork, wantsWork: m.wantsWork, employed: m.employed, self: ownHash ? m.idHash === ownHash : false,
        };
      }),
    };
  }
}

function maskAddress(a: string): string {
  return a.length <= 4 ? '****' : `${a.slice(0, 4)}****`;
}
