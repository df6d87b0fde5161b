import { Types, type Connection, type Model } from 'mongoose';
import type { Logger } from 'pino';
import {
  BOOKING_KINDS, BOOKING_KIND_LABELS, BOOKING_STATUS_LABELS, HARBIN_DISTRICTS, RESERVED_FOR, SERVICE_CENTERS, STANDARD_SERVICES, maskName, maskPhone, reservedOpenFrom,
  seatRefusal, seatsLabel, slotSeats, toChinaDateString,
  type BookingView, type SlotOptions, type ServiceCenter, type ServiceEditBody, type ServiceItem, type SlotCreateBody, type SlotView, type StationSeed,
} from '@doorstep/shared';
import { Consistency } from '../../db/consistency';
import { isDuplicateKey } from '../../db/errors';
import type { HandledCase } from '../ratings/case';
import { badRequest, conflict, notFound } from '../../http/errors';
import type { Pii } from '../../security/pii';
import { byStaff, type AuditService } from '../audit/service';
import { authModels } from '../auth/model';
import type { Notifier } from '../notifications/service';
import type { StaffActor } from '../staff/actor';
import { serviceModels, type Booking, type BookingSlot, type CenterService } from './model';

type Row = CenterService & { _id: Types.ObjectId };
type Slot = BookingSlot & { _id: Types.ObjectId };
type Book = Booking & { _id: Types.ObjectId };
type Held = { held: number; priority: number };
const NONE_HELD: Held = { held: 0, priority: 0 };

/** Statuses that hold a seat (a cancellation frees it). */
const HOLDING = ['booked', 'attended', 'no_show'] as const;
const WORKER_PAGE = '/packages/services/pages/bookings/index';
const KIND_LETTER = { guidance: 'G', window: 'W', internship_briefing: 'J' } as const;

export const slotKey = (slotId: string) => `slot:${slotId}`;

/** The instant a slot starts (China time). */
export const slotStart = (s: Pick<BookingSlot, 'date' | 'startTime'>) => Date.parse(`${s.date}T${s.startTime}:00+08:00`);

export interface ServiceDeskDeps {
  conn: Connection;
  pii: Pii;
  audit: AuditService;
  notifier: Notifier;
  stations: () => Promise<StationSeed[]>;
  /** Whether the person may take a reserved seat now (assistance: recognised 就业困难人员 or veteran); none: nobody. */
  isPriority?: (userId: string) => Promise<boolean>;
  logger?: Logger;
  now?: () => number;
}

/**
 * 服务事项清单 and booking (人社部发〔2018〕77号 十四: 办事指南; 十六: 预约服务).
 * Booking a seat, cancelling it and marking attendance each run under the slot's lease `slot:<id>`;
 * the seat itself is a unique key (`seatKey`), and one person's hold of a slot another (`activeKey`),
 * so even two holders of a lost lease cannot overbook or double-book. 优先名额 (shared/src/rules/booking.ts) are
 * checked under the same lease, and each booking or cancellation steps the slot's revision through the fence,
 * so two holders of a lost lease cannot both let an ordinary person into the reserved seats either.
 */
export class ServiceDesk {
  readonly models: { CenterService: Model<CenterService>; Slot: Model<BookingSlot>; Booking: Model<Booking> };
  private readonly c: Consistency;
  private readonly User;

  constructor(private readonly deps: ServiceDeskDeps) {
    this.models = serviceModels(deps.conn);
    this.User = authModels(deps.conn).User;
    this.c = new Consistency(deps.conn, { now: deps.now, onEffectError: (err, key) => deps.logger?.warn({ err: (err as Error).message, key }, 'booking after-effect failed') });
  }

  private now(): number { return (this.deps.now ?? Date.now)(); }
  private today(): string { return toChinaDateString(new Date(this.now())); }

  center(code: string): ServiceCenter {
    const c = SERVICE_CENTERS.find((x) => x.code === code);
    if (!c) throw notFound('找不到这个公共就业服务中心');
    return c;
  }

  /** The staff scope of a center (its first district; undefined: no such center). */
  centerDistrict(code: string): string | undefined {
    return SERVICE_CENTERS.find((x) => x.code === code)?.districts[0];
  }

  async bookingDistrict(id: string): Promise<string | undefined> {
    const b = await this.models.Booking.findById(id).select({ district: 1 }).lean<{ district: string } | null>();
    return b ? b.district : undefined;
  }

  private centerRef(c: ServiceCenter) { return { code: c.code, name: c.name, address: c.address, phone: c.phone }; }

  // ---------------------------------------------------------------- 服务事项清单

  /** Gives every center the standard list (items it has already are left as the center edited them). */
  async seedStandard(centers: ServiceCenter[] = SERVICE_CENTERS): Promise<number> {
    let created = 0;
    for (const c of centers) {
      const have = new Set((await this.models.CenterService.find({ centerCode: c.code }).select({ key: 1 }).lean()).map((r) => r.key));
      for (const [order, s] of STANDARD_SERVICES.entries()) {
        if (have.has(s.key)) continue;
        try {
          await this.models.CenterService.create({ centerCode: c.code, key: s.key, name: s.name, category: s.category, bookingKind: s.bookingKind, published: true, order: (order + 1) * 10, guide: { ...s.guide } });
          created += 1;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
      }
    }
    return created;
  }

  private item(r: Row): ServiceItem {
    return {
      key: r.key, name: r.name, category: r.category, bookingKind: r.bookingKind ?? null, bookingKindLabel: r.bookingKind ? BOOKING_KIND_LABELS[r.bookingKind] : null,
      published: r.published, order: r.order,
      guide: {
        conditions: [...r.guide.conditions], materials: [...r.guide.materials], timeLimit: r.guide.timeLimit, where: r.guide.where, online: r.guide.online,
        onlineHow: r.guide.onlineHow ?? null, inPerson: r.guide.inPerson, fee: r.guide.fee, basis: r.guide.basis,
      },
      updatedAt: new Date(r.updatedAt).toISOString(),
    };
  }

  async list(code: string, includeUnpublished = false) {
    const c = this.center(code);
    const rows = await this.models.CenterService.find({ centerCode: c.code }).lean<Row[]>();
    const items = rows.filter((r) => includeUnpublished || r.published).sort((a, b) => a.order - b.order || a.key.localeCompare(b.key)).map((r) => this.item(r));
    return { center: this.centerRef(c), items };
  }

  async detail(code: string, key: string) {
    const c = this.center(code);
    const r = await this.models.CenterService.findOne({ centerCode: c.code, key }).lean<Row | null>();
    if (!r || !r.published) throw notFound('这个服务事项不在本中心公开的清单里');
    return { center: this.centerRef(c), item: this.item(r) };
  }

  /** Staff of the center: the entry as it should read; an unchanged entry writes nothing. */
  async edit(actor: StaffActor, code: string, key: string, body: ServiceEditBody) {
    const c = this.center(code);
    return this.c.atomically(`center-svc:${c.code}:${key}`, async (tx) => {
      const r = await this.models.CenterService.findOne({ centerCode: c.code, key }).lean<Row | null>();
      const std = STANDARD_SERVICES.find((s) => s.key === key);
      const next = {
        name: body.name,
        category: body.category ?? r?.category ?? std?.category ?? '十、县级以上人民政府确定的其他服务',
        bookingKind: body.bookingKind === undefined ? (r?.bookingKind ?? null) : body.bookingKind,
        published: body.published,
        order: body.order ?? r?.order ?? 900,
        guide: {
          conditions: body.conditions, materials: body.materials, timeLimit: body.timeLimit, where: body.where, online: body.online,
          onlineHow: body.online ? (body.onlineHow ?? null) : null, inPerson: body.inPerson,
          fee: body.fee ?? r?.guide.fee ?? '免费', basis: body.basis ?? r?.guide.basis ?? std?.guide.basis ?? '本中心公布',
        },
      };
      if (r) {
        const same = JSON.stringify(this.item({ ...r, ...next } as Row)) === JSON.stringify(this.item(r));
        if (same) return { center: this.centerRef(c), item: this.item(r) };
        await tx.write(this.models.CenterService, r._id, r.rev, { $set: { ...next, updatedBy: actor.id } });
      } else {
        try {
          await this.models.CenterService.create({ centerCode: c.code, key, ...next, updatedBy: actor.id });
        } catch (err) {
          if (isDuplicateKey(err)) throw conflict('这个事项刚被其他人修改，请刷新后再试');
          throw err;
        }
      }
      const saved = (await this.models.CenterService.findOne({ centerCode: c.code, key }).lean<Row>())!;
      await this.deps.audit.record({ ...byStaff(actor), action: r ? 'service.edit' : 'service.add', subjectType: 'center_service', subjectId: `${c.code}:${key}`, before: r ? this.item(r) : null, after: this.item(saved) });
      return { center: this.centerRef(c), item: this.item(saved) };
    });
  }

  // ---------------------------------------------------------------- slots

  private async places(c: ServiceCenter) {
    const names = new Set(HARBIN_DISTRICTS.filter((d) => c.districts.includes(d.code)).map((d) => d.name));
    const stations = (await this.deps.stations()).filter((s) => names.has(s.district));
    return [{ id: 'center', name: c.name, address: c.address }, ...stations.map((s) => ({ id: s.id, name: s.name, address: s.address }))];
  }

  /** Seats held per slot, and how many of them by priority people. */
  private async heldCounts(slotIds: Types.ObjectId[]): Promise<Map<string, Held>> {
    const out = new Map<string, Held>();
    if (!slotIds.length) return out;
    const rows = await this.models.Booking.find({ slotId: { $in: slotIds }, status: { $in: [...HOLDING] } }).select({ slotId: 1, priority: 1 }).lean();
    for (const r of rows) {
      const h = out.get(String(r.slotId)) ?? { held: 0, priority: 0 };
      out.set(String(r.slotId), { held: h.held + 1, priority: h.priority + (r.priority ? 1 : 0) });
    }
    return out;
  }

  private slotView(s: Slot, held: Held = NONE_HELD): SlotView {
    const c = SERVICE_CENTERS.find((x) => x.code === s.centerCode);
    const seats = slotSeats({ date: s.date, capacity: s.capacity, reservedSeats: s.reservedSeats, held: held.held, priorityHeld: held.priority }, this.today());
    return {
      id: s._id.toString(), centerCode: s.centerCode, centerName: c?.name ?? s.centerCode, kind: s.kind, kindLabel: BOOKING_KIND_LABELS[s.kind],
      serviceKey: s.serviceKey ?? null, serviceName: s.serviceName ?? null, date: s.date, startTime: s.startTime, endTime: s.endTime,
      capacity: s.capacity, booked: held.held, remaining: seats.remaining, reservedSeats: s.reservedSeats ?? 0, reservedLeft: seats.reservedLeft,
      seatsLabel: seatsLabel(seats.remaining, seats.reservedLeft), place: { ...s.place }, note: s.note ?? null, past: slotStart(s) <= this.now(),
    };
  }

  /** Staff: the places (the center's hall, its districts' stations) and published bookable services the slot form offers. */
  async slotOptions(code: string): Promise<SlotOptions> {
    const c = this.center(code);
    const rows = await this.models.CenterService.find({ centerCode: c.code }).lean<Row[]>();
    const services = rows.filter((r) => r.published && r.bookingKind).sort((a, b) => a.order - b.order || a.key.localeCompare(b.key)).map((r) => ({ key: r.key, name: r.name, bookingKind: r.bookingKind! }));
    return { kinds: BOOKING_KINDS.map((kind) => ({ kind, label: BOOKING_KIND_LABELS[kind] })), places: await this.places(c), services };
  }

  async createSlot(actor: StaffActor, code: string, body: SlotCreateBody) {
    const c = this.center(code);
    if (slotStart(body) <= this.now()) throw badRequest('不能在已经过去的时间开放预约', [{ field: 'date', message: '日期和开始时间须晚于现在' }]);
    const place = (await this.places(c)).find((p) => p.id === body.placeId);
    if (!place) throw badRequest('地点不是本中心或本中心辖区的服务站', [{ field: 'placeId', message: '请选择本中心大厅（center）或本辖区的服务站' }]);
    let serviceName: string | null = null;
    if (body.serviceKey) {
      const svc = await this.models.CenterService.findOne({ centerCode: c.code, key: body.serviceKey }).lean<Row | null>();
      if (!svc || !svc.published) throw badRequest('这个服务事项不在本中心公开的清单里', [{ field: 'serviceKey', message: '事项不在本中心清单里' }]);
      if (svc.bookingKind !== body.kind) throw badRequest(`「${svc.name}」不能按「${BOOKING_KIND_LABELS[body.kind]}」预约`, [{ field: 'serviceKey', message: `「${svc.name}」的预约类型是${svc.bookingKind ? BOOKING_KIND_LABELS[svc.bookingKind] : '不可预约'}` }]);
      serviceName = svc.name;
    }
    let slot: Slot;
    try {
      slot = (await this.models.Slot.create({
        centerCode: c.code, district: c.districts[0], kind: body.kind, serviceKey: body.serviceKey ?? null, serviceName, date: body.date, startTime: body.startTime, endTime: body.endTime,
        capacity: body.capacity, reservedSeats: body.reservedSeats ?? 0, place, note: body.note ?? null, createdBy: actor.id,
      })).toObject() as Slot;
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('同一地点同一时段已经开放了这个预约', 'SLOT_EXISTS');
      throw err;
    }
    await this.deps.audit.record({ ...byStaff(actor), action: 'booking_slot.create', subjectType: 'booking_slot', subjectId: slot._id.toString(), after: { date: slot.date, startTime: slot.startTime, endTime: slot.endTime, kind: slot.kind, capacity: slot.capacity, reservedSeats: slot.reservedSeats ?? 0, place: slot.place.id } });
    return { slot: this.slotView(slot) };
  }

  /** Open slots of a center from a day on (today by default), soonest first; past ones left out. */
  async slots(code: string, q: { kind?: Slot['kind']; serviceKey?: string; from?: string }) {
    const c = this.center(code);
    const from = q.from && q.from > this.today() ? q.from : this.today();
    const rows = await this.models.Slot.find({ centerCode: c.code, date: { $gte: from } }).sort({ date: 1, startTime: 1 }).limit(300).lean<Slot[]>();
    const wanted = rows.filter((s) => (!q.kind || s.kind === q.kind) && (!q.serviceKey || s.serviceKey === q.serviceKey) && slotStart(s) > this.now());
    const held = await this.heldCounts(wanted.map((s) => s._id));
    return { items: wanted.slice(0, 100).map((s) => this.slotView(s, held.get(s._id.toString()))) };
  }

  // ---------------------------------------------------------------- bookings

  private bookingView(b: Book, slot: Slot, held?: Held): BookingView {
    return {
      id: b._id.toString(), code: b.code, status: b.status, statusLabel: BOOKING_STATUS_LABELS[b.status], seatNo: b.seatNo ?? null,
      slot: this.slotView(slot, held), bookedAt: new Date(b.bookedAt).toISOString(), cancelledAt: b.cancelledAt ? new Date(b.cancelledAt).toISOString() : null,
      attendanceAt: b.attendanceAt ? new Date(b.attendanceAt).toISOString() : null, canCancel: b.status === 'booked' && slotStart(slot) > this.now(),
    };
  }

  private async viewOf(b: Book): Promise<BookingView> {
    const slot = (await this.models.Slot.findById(b.slotId).lean<Slot>())!;
    return this.bookingView(b, slot, (await this.heldCounts([slot._id])).get(slot._id.toString()));
  }

  private notify(b: Book, slot: Slot, event: string, title: string, body: string) {
    return this.deps.notifier.notify(b.userId.toString(), { kind: `booking.${event}`, title, body, page: WORKER_PAGE, dedupeKey: `booking:${b._id.toString()}:${event}` });
  }

  /**
   * Takes the lowest free seat of the slot; never more seats than its capacity, one per person. An ordinary
   * person never takes the seats still reserved for priority people (shared/src/rules/booking.ts): whether
   * this person is priority, and what is left, are both read under the slot's lease.
   */
  async book(userId: string, slotId: string) {
    return this.c.atomically(slotKey(slotId), async (tx) => {
      const slot = await this.models.Slot.findById(slotId).lean<Slot | null>();
      if (!slot) throw notFound('找不到这个预约时段');
      if (slotStart(slot) <= this.now()) throw conflict('这个时段已经开始或过去了，请选择其他时段', 'SLOT_PAST');
      const holding = await this.models.Booking.find({ slotId: slot._id, status: { $in: [...HOLDING] } }).select({ userId: 1, seatNo: 1, priority: 1 }).lean();
      if (holding.some((h) => String(h.userId) === userId)) throw conflict('你已经预约了这个时段，不能重复预约', 'ALREADY_BOOKED');
      const priority = this.deps.isPriority ? await this.deps.isPriority(userId) : false;
      const seats = { date: slot.date, capacity: slot.capacity, reservedSeats: slot.reservedSeats, held: holding.length, priorityHeld: holding.filter((h) => h.priority).length };
      const refusal = seatRefusal(seats, this.today(), priority);
      if (refusal === 'reserved') {
        throw conflict(`剩余名额为${RESERVED_FOR}预留，请选择其他时段；${reservedOpenFrom(slot.date)} 起未约出的名额向所有人开放`, 'SEATS_RESERVED');
      }
      const used = new Set(holding.map((h) => h.seatNo));
      let seatNo = 0;
      for (let n = 1; n <= slot.capacity; n++) if (!used.has(n)) { seatNo = n; break; }
      if (refusal === 'full' || !seatNo) throw conflict('这个时段已经约满了，请选择其他时段', 'SLOT_FULL');
      // The step from this state of the seats: a second holder of a lost lease who read the same state is refused.
      await tx.write(this.models.Slot, slot._id, slot.rev ?? 0, {});
      const now = new Date(this.now());
      let created: Book;
      try {
        created = (await this.models.Booking.create({
          slotId: slot._id, userId: new Types.ObjectId(userId), centerCode: slot.centerCode, district: slot.district, date: slot.date, startTime: slot.startTime,
          status: 'booked', seatNo, priority, seatKey: `${slotId}#${seatNo}`, activeKey: `${slotId}|${userId}`,
          code: `${KIND_LETTER[slot.kind]}${slot.date.slice(5).replace('-', '')}-${String(seatNo).padStart(2, '0')}`, bookedAt: now,
        })).toObject() as Book;
      } catch (err) {
        if (isDuplicateKey(err)) {
          const mine = await this.models.Booking.exists({ activeKey: `${slotId}|${userId}` });
          throw mine ? conflict('你已经预约了这个时段，不能重复预约', 'ALREADY_BOOKED') : conflict('这个时段已经约满了，请选择其他时段', 'SLOT_FULL');
        }
        throw err;
      }
      tx.after(() => this.notify(created, slot, 'booked', `预约成功：${BOOKING_KIND_LABELS[slot.kind]}`, `${slot.date} ${slot.startTime}-${slot.endTime} 在 ${slot.place.name}（${slot.place.address}），预约号 ${created.code}。去不了请提前取消`));
      return { booking: this.bookingView(created, slot, { held: seats.held + 1, priority: seats.priorityHeld + (priority ? 1 : 0) }) };
    });
  }

  async mine(userId: string) {
    const rows = await this.models.Booking.find({ userId: new Types.ObjectId(userId) }).sort({ date: -1, startTime: -1 }).limit(100).lean<Book[]>();
    const slots = new Map((await this.models.Slot.find({ _id: { $in: [...new Set(rows.map((r) => r.slotId.toString()))].map((id) => new Types.ObjectId(id)) } }).lean<Slot[]>()).map((s) => [s._id.toString(), s]));
    const held = await this.heldCounts([...slots.values()].map((s) => s._id));
    return { items: rows.filter((r) => slots.has(r.slotId.toString())).map((r) => this.bookingView(r, slots.get(r.slotId.toString())!, held.get(r.slotId.toString()))) };
  }

  /** The owner cancels before the slot starts: the seat is free at once. */
  async cancel(userId: string, id: string) {
    const first = await this.models.Booking.findById(id).select({ slotId: 1, userId: 1 }).lean();
    if (!first || String(first.userId) !== userId) throw notFound('找不到这条预约');
    return this.c.atomically(slotKey(String(first.slotId)), async (tx) => {
      const b = (await this.models.Booking.findById(id).lean<Book>())!;
      if (b.status !== 'booked') throw conflict(`这条预约现在是「${BOOKING_STATUS_LABELS[b.status]}」，不能取消`, 'NOT_BOOKED');
      const slot = (await this.models.Slot.findById(b.slotId).lean<Slot>())!;
      if (slotStart(slot) <= this.now()) throw conflict('时段已经开始，不能再取消', 'SLOT_PAST');
      const now = new Date(this.now());
      // The slot's step first: if it is refused (a second holder of a lost lease), the booking is left as it was.
      await tx.write(this.models.Slot, slot._id, slot.rev ?? 0, {});
      await tx.write(this.models.Booking, b._id, b.rev, { $set: { status: 'cancelled', cancelledAt: now }, $unset: { seatKey: '', activeKey: '' } });
      const updated = { ...b, status: 'cancelled' as const, cancelledAt: now };
      tx.after(() => this.notify(updated, slot, 'cancelled', `已取消预约：${BOOKING_KIND_LABELS[slot.kind]}`, `${slot.date} ${slot.startTime} 在 ${slot.place.name} 的预约已取消`));
      return { booking: await this.viewOf(updated) };
    });
  }

  /** 好差评: a booking is handled once staff marked the person 到场. */
  async handledCaseOf(id: string): Promise<HandledCase | null> {
    const b = await this.models.Booking.findById(id).lean<Book | null>().catch(() => null);
    if (!b) return null;
    const slot = await this.models.Slot.findById(b.slotId).select({ kind: 1, date: 1 }).lean<Pick<Slot, 'kind' | 'date'> | null>();
    const handled = b.status === 'attended';
    return {
      ownerId: b.userId.toString(), handled, pendingReason: handled ? null : '到场办理后才能评价这次预约服务',
      district: b.district, centerCode: b.centerCode, title: `${slot ? BOOKING_KIND_LABELS[slot.kind] : '预约服务'} ${b.date}`,
    };
  }

  // ---------------------------------------------------------------- staff: the day's bookings, attendance

  async day(actor: StaffActor, code: string, date?: string) {
    const c = this.center(code);
    const day = date ?? this.today();
    const slots = await this.models.Slot.find({ centerCode: c.code, date: day }).sort({ startTime: 1 }).limit(200).lean<Slot[]>();
    const bookings = slots.length ? await this.models.Booking.find({ slotId: { $in: slots.map((s) => s._id) } }).sort({ seatNo: 1, bookedAt: 1 }).lean<Book[]>() : [];
    const users = new Map((await this.User.find({ _id: { $in: [...new Set(bookings.map((b) => b.userId.toString()))] } }).select({ phoneEnc: 1, displayName: 1 }).lean())
      .map((u) => [String(u._id), u as { phoneEnc?: string | null; displayName?: string | null }]));
    const counts = { booked: 0, attended: 0, noShow: 0, cancelled: 0 };
    const out = slots.map((s) => {
      const mine = bookings.filter((b) => b.slotId.toString() === s._id.toString());
      const holding = mine.filter((b) => (HOLDING as readonly string[]).includes(b.status));
      return {
        ...this.slotView(s, { held: holding.length, priority: holding.filter((b) => b.priority).length }),
        bookings: mine.map((b) => {
          counts[b.status === 'no_show' ? 'noShow' : b.status] += 1;
          const u = users.get(b.userId.toString());
          let phone: string | null = null;
          try { phone = u?.phoneEnc ? maskPhone(this.deps.pii.decrypt(u.phoneEnc)) : null; } catch { phone = null; }
          return { id: b._id.toString(), code: b.code, status: b.status, statusLabel: BOOKING_STATUS_LABELS[b.status], seatNo: b.seatNo ?? null, phoneMasked: phone, nameMasked: u?.displayName ? maskName(u.displayName) : null, priority: b.priority ?? false };
        }),
      };
    });
    void actor;
    return { date: day, slots: out, counts };
  }

  /** 到场 / 未到, on the slot's day or later; the same mark again changes nothing. */
  async attendance(actor: StaffActor, id: string, attended: boolean) {
    const first = await this.models.Booking.findById(id).select({ slotId: 1 }).lean();
    if (!first) throw notFound('找不到这条预约');
    return this.c.atomically(slotKey(String(first.slotId)), async (tx) => {
      const b = (await this.models.Booking.findById(id).lean<Book>())!;
      if (b.status === 'cancelled') throw conflict('这条预约已经取消了，不能登记到场', 'CANCELLED');
      if (b.date > this.today()) throw conflict(`预约日期是 ${b.date}，当天才能登记到场`, 'NOT_YET');
      const status = attended ? 'attended' : 'no_show';
      if (b.status === status) return { booking: await this.viewOf(b) };
      const now = new Date(this.now());
      await tx.write(this.models.Booking, b._id, b.rev, { $set: { status, attendanceAt: now, attendanceBy: actor.id } });
      await this.deps.audit.record({ ...byStaff(actor), action: `booking.${status}`, subjectType: 'booking', subjectId: id, before: { status: b.status }, after: { status } });
      return { booking: await this.viewOf({ ...b, status, attendanceAt: now, attendanceBy: actor.id }) };
    });
  }
}
