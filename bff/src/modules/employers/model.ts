import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { contentHoldSchema, type ContentHold } from '../content/guard';
import { EMPLOYER_KINDS, EMPLOYER_STATUSES, type EmployerKind, type EmployerStatus } from '@doorstep/shared';

export interface Employer {
  _id: Types.ObjectId;
  /** The account that manages this employer (one employer per account, unique). */
  userId: Types.ObjectId;
  kind: EmployerKind;
  name: string;
  creditCode: string | null;
  contactName: string;
  contactPhoneEnc: string;
  address: string;
  /** District named in the address (the routing rule), stored so staff lists filter on it in the query; null: none named. */
  district: string | null;
  commitment: boolean;
  status: EmployerStatus;
  /**
   * Set when the submitted name could not be passed by msgSecCheck: the employer waits for staff
   * (pending, never 承诺制 publish-at-once) until a staff decision (reviewedAt) on this submission.
   */
  contentHold: ContentHold | null;
  submittedAt: Date;
  /** China date (YYYY-MM-DD): staff review due within 3 working days of submission. */
  reviewDeadline: string;
  reviewedAt: Date | null;
  reviewedBy: Types.ObjectId | null;
  rejectReason: string | null;
  ratingSum: number;
  ratingCount: number;
  /**
   * Set by a rejection or suspension, cleared by verification: while set, a re-submission goes back to
   * the review queue (pending) even when it asks for 承诺制, so a staff decision sticks.
   */
  commitmentBarred: boolean;
  /** The 经办人's written commitment this employer's 承诺制 acceptance rests on, and the staff check of it. */
  commitmentRecord: CommitmentRecord | null;
  /** Per-employer daily posting cap: China date and gigs posted on it. */
  postDay: string | null;
  postCount: number;
  /** Revision for fenced writes (db/consistency.ts); every change goes through `employer:<id>`. */
  rev: number;
}

export interface CommitmentRecord {
  contactName: string;
  version: string;
  acceptedAt: Date;
  kind: EmployerKind;
  confirmedBy: Types.ObjectId | null;
  confirmedByName: string | null;
  confirmedAt: Date | null;
}

const commitmentSub = new Schema<CommitmentRecord>(
  {
    contactName: String, version: String, acceptedAt: Date, kind: String,
    confirmedBy: { type: Schema.Types.ObjectId, default: null }, confirmedByName: { type: String, default: null }, confirmedAt: { type: Date, default: null },
  },
  { _id: false },
);

const schema = new Schema<Employer>(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    kind: { type: String, enum: EMPLOYER_KINDS, required: true },
    name: { type: String, required: true },
    creditCode: { type: String, default: null },
    contactName: { type: String, required: true },
    contactPhoneEnc: { type: String, required: true },
    address: { type: String, required: true },
    district: { type: String, default: null },
    commitment: { type: Boolean, default: false },
    status: { type: String, enum: EMPLOYER_STATUSES, required: true },
    contentHold: { type: contentHoldSchema, default: null },
    submittedAt: { type: Date, required: true },
    reviewDeadline: { type: String, required: true },
    reviewedAt: { type: Date, default: null },
    reviewedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    rejectReason: { type: String, default: null },
    ratingSum: { type: Number, default: 0 },
    ratingCount: { type: Number, default: 0 },
    commitmentBarred: { type: Boolean, default: false },
    commitmentRecord: { type: commitmentSub, default: null },
    postDay: { type: String, default: null },
    postCount: { type: Number, default: 0 },
    rev: { type: Number, default: 0 },
  },
  { collection: 'employers', timestamps: true },
);
schema.index({ userId: 1 }, { unique: true });
// Staff queue: pending / commitment ordered by deadline.
schema.index({ status: 1, reviewDeadline: 1 });
schema.index({ district: 1, status: 1 });

export function employerModel(conn: Connection): Model<Employer> {
  return (conn.models.Employer as Model<Employer>) ?? conn.model<Employer>('Employer', schema);
}
