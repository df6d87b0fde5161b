import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { addWorkdays, BOOKING_KIND_LABELS, chinaHour, isWorkday, SERVICE_CENTERS, toChinaDateString, type HolidayCalendar } from '@doorstep/shared';
import { BUSY_CODE, Consistency } from '../../db/consistency';
import { isDuplicateKey } from '../../db/errors';
import { AppError } from '../../http/errors';
import { authModels } from '../auth/model';
import { serviceModels } from '../services/model';
import { noticeModels } from './model';
import type { NotificationService } from './service';

/**
 * A job of the scheduler. `slot(now)` names the run that is due now (e.g. the China date of a daily job
 * once its hour has come), or null when nothing is due; each (job, slot) runs once across all BFF
 * instances. `record: false` for jobs that simply run on every tick (releasing held texts).
 */
export interface ScheduledJob {
  name: string;
  slot(now: number): string | null;
  run(now: number): Promise<Record<string, unknown>>;
  record?: boolean;
}

/**
 * Runs due jobs exactly once across every BFF instance, on the project's own primitives (no job
 * library: agenda and its kin lock jobs with findOneAndUpdate, which FerretDB v1 does not make atomic):
 * - a tick takes the lease `job:<name>` with `Consistency.atomically` (no waiting: a busy job is left
 *   to the instance running it);
 * - a finished run is a unique insert `<name>|<slot>` into `job_runs`, checked again under the lease;
 * - each reminder it sends carries a dedupe key (a unique index on notifications), so even a run that
 *   died half-way and is repeated sends each reminder once.
 */
export class Scheduler {
  private readonly c: Consistency;
  private readonly JobRun;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(conn: Connection, private readonly jobs: ScheduledJob[], private readonly opts: { now?: () => number; logger: Logger; intervalMs: number }) {
    this.c = new Consistency(conn, { now: opts.now });
    this.JobRun = noticeModels(conn).JobRun;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { if (!this.running) this.running = this.tick().finally(() => { this.running = null; }); }, this.opts.intervalMs);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass over the jobs; returns what ran here (job → result). */
  async tick(): Promise<Record<string, Record<string, unknown>>> {
    const now = (this.opts.now ?? Date.now)();
    const ran: Record<string, Record<string, unknown>> = {};
    for (const job of this.jobs) {
      const slot = job.slot(now);
      if (!slot) continue;
      const id = `${job.name}|${slot}`;
      const record = job.record !== false;
      try {
        if (record && (await this.JobRun.exists({ _id: id }))) continue;
        await this.c.atomically(`job:${job.name}`, async () => {
          if (record && (await this.JobRun.exists({ _id: id }))) return;
          const result = await job.run(now);
          if (record) {
            try {
              await this.JobRun.create({ _id: id, job: job.name, slot, at: new Date(now), result });
            } catch (err) {
              if (!isDuplicateKey(err)) throw err;
            }
          }
          ran[job.name] = result;
        }, { waitMs: 0, leaseMs: 60_000 });
      } catch (err) {
        if (err instanceof AppError && err.code === BUSY_CODE) continue; // another instance is running it
        this.opts.logger.warn({ job: job.name, err: (err as Error).message }, 'scheduled job failed');
      }
    }
    return ran;
  }
}

const DAY = 86_400_000;
const dailyAt = (hour: number, onlyWorkdays?: () => HolidayCalendar | null) => (now: number) => {
  if (chinaHour(now) < hour) return null;
  const cal = onlyWorkdays?.();
  if (cal && !isWorkday(new Date(now), cal)) return null;
  return toChinaDateString(new Date(now));
};

interface ReminderDeps {
  conn: Connection;
  notices: NotificationService;
  calendar: { get(): Promise<HolidayCalendar> };
}

/**
 * The reminders: registration deadlines approaching (the working day before, 08:00) and follow-ups due
 * (08:00) to the staff of the record's center; gig start reminders to hired workers the evening before
 * (18:00); settlement confirmation reminders to each side still to confirm one day after completion
 * (hourly); texts held over quiet hours (every tick).
 */
export function reminderJobs(deps: ReminderDeps): ScheduledJob[] {
  const { conn, notices } = deps;
  const Registration = conn.model('Registration');
  const Gig = conn.model('Gig');
  const Application = conn.model('GigApplication');
  const User = authModels(conn).User;
  const { Booking, Slot } = serviceModels(conn);
  let cal: HolidayCalendar | null = null;
  const calendar = async () => (cal = await deps.calendar.get());

  const staffOf = async (centerCode: string | null) => {
    const center = SERVICE_CENTERS.find((c) => c.code === centerCode);
    if (!center) return [];
    const staff = await User.find({ roles: 'staff', serviceCenter: center.name, disabledAt: null }).select({ _id: 1 }).lean();
    return staff.map((s) => s._id.toString());
  };

  return [
    {
      name: 'held-sms',
      record: false,
      slot: () => 'tick',
      run: async () => ({ released: await notices.releaseHeldSms() }),
    },
    {
      name: 'registration-deadlines',
      slot: dailyAt(8, () => cal),
      run: async (now) => {
        const c = await calendar();
        if (!isWorkday(new Date(now), c)) return { sent: 0 };
        const tomorrow = addWorkdays(new Date(now), 1, c);
        const regs = await Registration.find({ status: { $in: ['submitted', 'under_review'] }, dueDate: tomorrow }).select({ centerCode: 1, dueDate: 1 }).lean<{ _id: unknown; centerCode: string | null; dueDate: string }[]>();
        let sent = 0;
        for (const r of regs) {
          for (const staffId of await staffOf(r.centerCode)) {
            const { created } = await notices.notify(staffId, {
              kind: 'staff.registration_deadline', title: '失业登记明天到期', body: `有一件失业登记须在 ${r.dueDate} 前办结，请尽快审核`,
              page: `/packages/staff/pages/registration-detail/index?id=${String(r._id)}`, dedupeKey: `reg-deadline:${String(r._id)}:${r.dueDate}:${staffId}`,
            });
            if (created) sent += 1;
          }
        }
        return { sent };
      },
    },
    {
      name: 'follow-ups-due',
      slot: dailyAt(8, () => cal),
      run: async (now) => {
        await calendar();
        const today = toChinaDateString(new Date(now));
        const regs = await Registration.find({ status: 'approved', nextFollowUpOn: { $ne: null, $lte: today } }).select({ centerCode: 1, nextFollowUpOn: 1 }).lean<{ _id: unknown; centerCode: string | null; nextFollowUpOn: string }[]>();
        let sent = 0;
        for (const r of regs) {
          for (const staffId of await staffOf(r.centerCode)) {
            const { created } = await notices.notify(staffId, {
              kind: 'staff.follow_up_due', title: '有一位登记人员该回访了', body: `约定回访日期 ${r.nextFollowUpOn}，回访后请记入台账`,
              page: `/packages/staff/pages/registration-detail/index?id=${String(r._id)}`, dedupeKey: `followup-due:${String(r._id)}:${r.nextFollowUpOn}:${staffId}`,
            });
            if (created) sent += 1;
          }
        }
        return { sent };
      },
    },
    {
      name: 'gig-start',
      slot: dailyAt(18),
      run: async (now) => {
        const tomorrow = toChinaDateString(new Date(now + DAY));
        const gigs = await Gig.find({ date: tomorrow }).select({ title: 1, date: 1, startTime: 1, address: 1 }).lean<{ _id: unknown; title: string; date: string; startTime: string }[]>();
        let sent = 0;
        for (const g of gigs) {
          const apps = await Application.find({ gigId: g._id, status: 'accepted' }).select({ workerId: 1 }).lean<{ _id: unknown; workerId: unknown }[]>();
          for (const a of apps) {
            const { created } = await notices.notify(String(a.workerId), {
              kind: 'gig.start_reminder', title: `明天开工：${g.title}`, body: `${g.date} ${g.startTime} 开工，请按时到岗；去不了请提前在「我的零工」里取消`,
              page: `/packages/worker/pages/gig-detail/index?id=${String(g._id)}`, dedupeKey: `gig-start:${String(a._id)}`,
            });
            if (created) sent += 1;
          }
        }
        return { sent };
      },
    },
    {
      // 预约提醒: the evening before (18:00), once per booking (dedupe key), to each person still booked.
      name: 'booking-reminders',
      slot: dailyAt(18),
      run: async (now) => {
        const tomorrow = toChinaDateString(new Date(now + DAY));
        const bookings = await Booking.find({ date: tomorrow, status: 'booked' }).select({ slotId: 1, userId: 1, code: 1 }).lean<{ _id: unknown; slotId: unknown; userId: unknown; code: string }[]>();
        const slots = new Map((await Slot.find({ _id: { $in: [...new Set(bookings.map((b) => String(b.slotId)))] } }).lean()).map((s) => [String(s._id), s]));
        let sent = 0;
        for (const b of bookings) {
          const s = slots.get(String(b.slotId));
          if (!s) continue;
          const { created } = await notices.notify(String(b.userId), {
            kind: 'booking.reminder', title: `明天有预约：${BOOKING_KIND_LABELS[s.kind]}`, body: `${s.date} ${s.startTime}-${s.endTime} 在 ${s.place.name}（${s.place.address}），预约号 ${b.code}。去不了请在「我的预约」里取消`,
            page: '/packages/services/pages/bookings/index', dedupeKey: `booking-remind:${String(b._id)}`,
          });
          if (created) sent += 1;
        }
        return { sent };
      },
    },
    {
      name: 'settlement-reminders',
      slot: (now) => { const d = new Date(now + 8 * 3600_000); return `${d.toISOString().slice(0, 13)}`; },
      run: async (now) => {
        // Completed at least a day ago (and at most a week: older ones are for staff, not reminders), not yet confirmed by both.
        const apps = await Application.find({ status: 'completed', completedAt: { $lte: new Date(now - DAY), $gte: new Date(now - 7 * DAY) } })
          .select({ gigId: 1, workerId: 1, ownerId: 1, employerAmount: 1, workerAmount: 1 }).lean<{ _id: unknown; gigId: unknown; workerId: unknown; ownerId: unknown; employerAmount: number | null; workerAmount: number | null }[]>();
        let sent = 0;
        for (const a of apps) {
          if (a.employerAmount !== null && a.workerAmount !== null) continue;
          const g = await Gig.findById(a.gigId).select({ title: 1 }).lean<{ title: string } | null>();
          const title = g?.title ?? '零工';
          const sides: [string, string, string][] = [];
          if (a.workerAmount === null) sides.push(['worker', String(a.workerId), `/packages/worker/pages/gig-detail/index?id=${String(a.gigId)}`]);
          if (a.employerAmount === null) sides.push(['employer', String(a.ownerId), `/packages/employer/pages/gig/index?id=${String(a.gigId)}`]);
          for (const [side, userId, page] of sides) {
            const { created } = await notices.notify(userId, {
              kind: 'gig.settle_reminder', title: `请确认工钱：${title}`, body: side === 'worker' ? '活干完一天了，收到工钱后请在小程序里确认金额' : '活干完一天了，请确认已付的工钱金额',
              page, dedupeKey: `settle-remind:${String(a._id)}:${side}`,
            });
            if (created) sent += 1;
          }
        }
        return { sent };
      },
    },
  ];
}
