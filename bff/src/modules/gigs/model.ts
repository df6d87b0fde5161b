import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { trackGigChanges } from './changes';
import { contentHoldSchema, type ContentHold } from '../content/guard';
import { APPLICATION_STATUSES, GIG_CATEGORIES, GIG_STATUSES, PAY_UNITS, REPORT_REASONS, SETTLEMENTS, type ApplicationStatus, type GigCategory, type GigStatus } from '@doorstep/shared';

export interface Gig {
  _id: Types.ObjectId;
  ownerId: Types.ObjectId;
  employerId: Types.ObjectId;
  /** Denormalised at posting time for lists (no joins on the nearby path). */
  employerName: string;
  employerKind: string;
  commitment: boolean;
  title: string;
  category: GigCategory;
  headcount: number;
  /** Accepted workers; changed only under `gig:<id>` (fenced write), so it never passes headcount. */
  filled: number;
  payAmount: number;
  payUnit: (typeof PAY_UNITS)[number];
  /** Pay per 8-hour day for sorting; -1 for piece rates. */
  payDaily: number;
  settlement: (typeof SETTLEMENTS)[number];
  date: string;
  startTime: string;
  endTime: string;
  startAt: Date;
  endAt: Date;
  /** GCJ-02, like every coordinate of the app (see shared/src/rules/datum.ts). */
  lat: number;
  lng: number;
  /** 'gcj02': written by the current code or converted by the 2026-12 migration (migrate-gcj02.ts). */
  datum?: 'gcj02';
  gh5: string;
  gh6: string;
  /** District of the work place (routing rule), stored for staff lists; null: outside every district's reach. */
  district: string | null;
  /** The app's key of the 发布 tap that created it (a repeat with the same key is this gig). */
  idempotencyKey?: string | null;
  gh7: string;
  address: string;
  requirements: string;
  contactName: string;
  contactPhoneEnc: string;
  urgent: boolean;
  elderFriendly: boolean;
  status: GigStatus;
  /** Set when the posting's text waits for staff (msgSecCheck `review`, no answer, or no openid); see content/guard.ts. */
  contentHold: ContentHold | null;
  reviewNote: string | null;
  notifiedWorkers: number;
  /** When the last place was taken (cleared if a hired worker cancels); the dashboard's time to fill. */
  filledAt: Date | null;
  createdAt: Date;
  /** Revision for fenced writes; the gig and its applications change only under `gig:<id>`. */
  rev: number;
}

const gigSchema = new Schema<Gig>(
  {
    ownerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    employerId: { type: Schema.Types.ObjectId, ref: 'Employer', required: true },
    employerName: { type: String, required: true },
    employerKind: { type: String, required: true },
    commitment: { type: Boolean, default: false },
    title: { type: String, required: true },
    category: { type: String, enum: GIG_CATEGORIES, required: true },
    headcount: { type: Number, required: true },
    filled: { type: Number, default: 0 },
    payAmount: { type: Number, required: true },
    payUnit: { type: String, enum: PAY_UNITS, required: true },
    payDaily: { type: Number, required: true },
    settlement: { type: String, enum: SETTLEMENTS, required: true },
    date: { type: String, required: true },
    startTime: { type: String, required: true },
    endTime: { type: String, required: true },
    startAt: { type: Date, required: true },
    endAt: { type: Date, required: true },
    lat: { type: Number, required: true },
    lng: { type: Number, required: true },
    datum: { type: String, enum: ['gcj02'], default: 'gcj02' },
    gh5: { type: String, required: true },
    gh6: { type: String, required: true },
    district: { type: String, default: null },
    idempotencyKey: { type: String, default: null },
    gh7: { type: String, required: true },
    address: { type: String, required: true },
    requirements: { type: String, default: '' },
    contactName: { type: String, required: true },
    contactPhoneEnc: { type: String, required: true },
    urgent: { type: Boolean, default: false },
    elderFriendly: { type: Boolean, default: false },
    status: { type: String, enum: GIG_STATUSES, required: true },
    contentHold: { type: contentHoldSchema, default: null },
    reviewNote: { type: String, default: null },
    notifiedWorkers: { type: Number, default: 0 },
    filledAt: { type: Date, default: null },
    rev: { type: Number, default: 0 },
  },
  { collection: 'gigs', timestamps: true },
);
// Nearby search: one index per stored geohash precision (the query picks one precision).
gigSchema.index({ gh5: 1, status: 1 });
gigSchema.index({ gh6: 1, status: 1 });
gigSchema.index({ district: 1, status: 1 });
gigSchema.index({ employerId: 1, idempotencyKey: 1 });
gigSchema.index({ gh7: 1, status: 1 });
// The in-memory nearby index (nearby-index.ts) learns of every write through this model and catches
// up on other processes' writes by updatedAt.
gigSchema.index({ updatedAt: 1 });
gigSchema.plugin(trackGigChanges);
gigSchema.index({ ownerId: 1, createdAt: -1 });
gigSchema.index({ status: 1, createdAt: 1 });
// Closing an employer's gigs when it is rejected or suspended.
gigSchema.index({ employerId: 1, status: 1 });

export interface Application {
  _id: Types.ObjectId;
  gigId: Types.ObjectId;
  workerId: Types.ObjectId;
  ownerId: Types.ObjectId;
  status: ApplicationStatus;
  acceptedAt: Date | null;
  decidedAt: Date | null;
  cancelledAt: Date | null;
  checkedInAt: Date | null;
  completedAt: Date | null;
  employerAmount: number | null;
  workerAmount: number | null;
  /** Employer's rating of the worker, and the worker's of the employer: each once. */
  workerRating: { stars: number; comment: string; at: Date } | null;
  employerRating: { stars: number; comment: string; at: Date } | null;
  createdAt: Date;
  /** Revision for fenced writes, under the gig's key `gig:<gigId>` (one aggregate: the gig and its applications). */
  rev: number;
}

const ratingSub = new Schema({ stars: Number, comment: String, at: Date }, { _id: false });
const applicationSchema = new Schema<Application>(
  {
    gigId: { type: Schema.Types.ObjectId, ref: 'Gig', required: true },
    workerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    status: { type: String, enum: APPLICATION_STATUSES, required: true },
    acceptedAt: { type: Date, default: null },
    decidedAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
    checkedInAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    employerAmount: { type: Number, default: null },
    workerAmount: { type: Number, default: null },
    workerRating: { type: ratingSub, default: null },
    employerRating: { type: ratingSub, default: null },
    rev: { type: Number, default: 0 },
  },
  { collection: 'gig_applications', timestamps: true },
);
// One application per worker per gig, however many taps arrive at once.
applicationSchema.index({ gigId: 1, workerId: 1 }, { unique: true });
applicationSchema.index({ workerId: 1, createdAt: -1 });
// The employer's paged applicant list.
applicationSchema.index({ gigId: 1, status: 1, createdAt: 1 });

/** 灵活就业人员承诺制登记 + availability; also the audience of quick-hire notices. */
export interface WorkerProfile {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  registeredAt: Date | null;
  /** China date on which the worker said 今天能干活 (the switch turns itself off the next day). */
  availableOn: string | null;
  categories: GigCategory[];
  homeDistrict: string | null;
  /** GCJ-02 (see Gig.lat). */
  home: { lat: number; lng: number } | null;
  datum?: 'gcj02';
  gh5: string | null;
  gh6: string | null;
  gh7: string | null;
  elder: boolean;
  /** The worker's separate consent to keep the home location (HOME_LOCATION_CONSENT): version and time. */
  homeLocationConsent?: { version: string; at: Date } | null;
  ratingSum: number;
  ratingCount: number;
  noticeDay: string | null;
  noticeCount: number;
  /** Revision for fenced writes of the counters (rating, quick-hire notices), under `worker:<userId>`. */
  rev: number;
}

const workerSchema = new Schema<WorkerProfile>(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    registeredAt: { type: Date, default: null },
    availableOn: { type: String, default: null },
    categories: { type: [String], enum: GIG_CATEGORIES, default: [] },
    homeDistrict: { type: String, default: null },
    home: { type: new Schema({ lat: Number, lng: Number }, { _id: false }), default: null },
    datum: { type: String, enum: ['gcj02'], default: 'gcj02' },
    gh5: { type: String, default: null },
    gh6: { type: String, default: null },
    gh7: { type: String, default: null },
    elder: { type: Boolean, default: false },
    homeLocationConsent: { type: new Schema({ version: String, at: Date }, { _id: false }), default: null },
    ratingSum: { type: Number, default: 0 },
    ratingCount: { type: Number, default: 0 },
    noticeDay: { type: String, default: null },
    noticeCount: { type: Number, default: 0 },
    rev: { type: Number, default: 0 },
  },
  { collection: 'worker_profiles', timestamps: true },
);
workerSchema.index({ userId: 1 }, { unique: true });
workerSchema.index({ gh5: 1, availableOn: 1 });
workerSchema.index({ gh6: 1, availableOn: 1 });
workerSchema.index({ gh7: 1, availableOn: 1 });

export interface GigReport {
  _id: Types.ObjectId;
  gigId: Types.ObjectId;
  reporterId: Types.ObjectId;
  reason: (typeof REPORT_REASONS)[number];
  detail: string;
  /** The reported gig's district, stored for staff lists. */
  district: string | null;
  /** Set when the report's text could not be passed by msgSecCheck (staff read it before anyone else could). */
  contentHold: ContentHold | null;
  handledAt: Date | null;
  createdAt: Date;
  /** Revision for fenced writes, under the gig's key `gig:<gigId>`. */
  rev: number;
}
const reportSchema = new Schema<GigReport>(
  {
    gigId: { type: Schema.Types.ObjectId, ref: 'Gig', required: true },
    reporterId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    district: { type: String, default: null },
    reason: { type: String, enum: REPORT_REASONS, required: true },
    detail: { type: String, default: '' },
    contentHold: { type: contentHoldSchema, default: null },
    handledAt: { type: Date, default: null },
    rev: { type: Number, default: 0 },
  },
  { collection: 'gig_reports', timestamps: { createdAt: true, updatedAt: false } },
);
reportSchema.index({ gigId: 1, reporterId: 1, reason: 1 }, { unique: true });
reportSchema.index({ handledAt: 1, createdAt: -1 });

export interface GigModels { Gig: Model<Gig>; Application: Model<Application>; WorkerProfile: Model<WorkerProfile>; GigReport: Model<GigReport> }

export function gigModels(conn: Connection): GigModels {
  return {
    Gig: (conn.models.Gig as Model<Gig>) ?? conn.model<Gig>('Gig', gigSchema),
    Application: (conn.models.GigApplication as Model<Application>) ?? conn.model<Application>('GigApplication', applicationSchema),
    WorkerProfile: (conn.models.WorkerProfile as Model<WorkerProfile>) ?? conn.model<WorkerProfile>('WorkerProfile', workerSchema),
    GigReport: (conn.models.GigReport as Model<GigReport>) ?? conn.model<GigReport>('GigReport', reportSchema),
  };
}
