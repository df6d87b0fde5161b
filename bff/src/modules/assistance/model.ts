import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { PLAN_STEP_KINDS, PLAN_STEP_STATUSES, RECOGNITION_STATUSES, type PlanStepKind, type PlanStepStatus, type RecognitionStatus } from '@doorstep/shared';

export interface RecognitionEvent { type: string; at: Date; by: Types.ObjectId | null; reason: string | null }
export interface PlanReferral { employer: string; position: string; referredOn: string; at: Date; by: Types.ObjectId }
export interface PlanFollowUp { at: Date; day: string; channel: string; note: string; by: Types.ObjectId; byName: string | null }
export interface PlanStep {
  _id: Types.ObjectId;
  kind: PlanStepKind;
  title: string;
  dueDate: string;
  status: PlanStepStatus;
  referrals: PlanReferral[];
  followUps: PlanFollowUp[];
  doneAt: Date | null;
  doneNote: string | null;
  createdBy: Types.ObjectId;
  createdAt: Date;
}

/**
 * 就业困难人员认定: one application per spell, linked to the person's approved unemployment registration,
 * decided by the registration's center; once recognised it carries the 一人一策 (counsellor and plan).
 * The categories and evidence notes are 敏感个人信息: encrypted, bound to `assistance_recognitions/<id>/<field>`.
 */
export interface Recognition {
  userId: Types.ObjectId;
  registrationId: Types.ObjectId;
  /** The registration's district and center (the staff scope), copied at filing. */
  district: string | null;
  centerCode: string | null;
  status: RecognitionStatus;
  /** Set while submitted: one application in flight per account (unique). */
  openFor?: string;
  /** JSON [{ category, note }], encrypted. */
  appliedEnc: string;
  /** JSON [category], encrypted; set at approval. */
  recognisedEnc: string | null;
  /** 退役未就业 on the registration, or 就业困难退役军人 applied for: inbox priority. */
  veteran: boolean;
  submitKeys: string[];
  submittedAt: Date;
  dueDate: string;
  decidedAt: Date | null;
  decidedBy: Types.ObjectId | null;
  decisionReason: string | null;
  validFrom: string | null;
  validUntil: string | null;
  counsellor: { staffId: Types.ObjectId; name: string; assignedAt: Date; assignedBy: Types.ObjectId } | null;
  steps: PlanStep[];
  /** Earliest due date of an open step (null: none): the overdue-step query. */
  nextStepDue: string | null;
  timeline: RecognitionEvent[];
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

const referral = new Schema<PlanReferral>({ employer: String, position: String, referredOn: String, at: Date, by: Schema.Types.ObjectId }, { _id: false });
const followUp = new Schema<PlanFollowUp>({ at: Date, day: String, channel: String, note: String, by: Schema.Types.ObjectId, byName: { type: String, default: null } }, { _id: false });
const step = new Schema<PlanStep>({
  kind: { type: String, enum: PLAN_STEP_KINDS, required: true },
  title: { type: String, required: true },
  dueDate: { type: String, required: true },
  status: { type: String, enum: PLAN_STEP_STATUSES, default: 'open' },
  referrals: { type: [referral], default: [] },
  followUps: { type: [followUp], default: [] },
  doneAt: { type: Date, default: null },
  doneNote: { type: String, default: null },
  createdBy: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
});

const schema = new Schema<Recognition>(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    registrationId: { type: Schema.Types.ObjectId, ref: 'Registration', required: true },
    district: { type: String, default: null },
    centerCode: { type: String, default: null },
    status: { type: String, enum: RECOGNITION_STATUSES, required: true },
    openFor: { type: String },
    appliedEnc: { type: String, required: true },
    recognisedEnc: { type: String, default: null },
    veteran: { type: Boolean, default: false },
    submitKeys: { type: [String], default: [] },
    submittedAt: { type: Date, required: true },
    dueDate: { type: String, required: true },
    decidedAt: { type: Date, default: null },
    decidedBy: { type: Schema.Types.ObjectId, default: null },
    decisionReason: { type: String, default: null },
    validFrom: { type: String, default: null },
    validUntil: { type: String, default: null },
    counsellor: { type: Schema.Types.Mixed, default: null },
    steps: { type: [step], default: [] },
    nextStepDue: { type: String, default: null },
    // `type` is a field name here, hence { type: { type: String } }.
    timeline: { type: [new Schema<RecognitionEvent>({ type: { type: String }, at: Date, by: { type: Schema.Types.ObjectId, default: null }, reason: { type: String, default: null } }, { _id: false })], default: [] },
    rev: { type: Number, default: 0 },
  },
  { collection: 'assistance_recognitions', timestamps: true, minimize: false },
);
schema.index({ openFor: 1 }, { unique: true, sparse: true });
schema.index({ userId: 1, submittedAt: -1 });
schema.index({ centerCode: 1, status: 1, dueDate: 1 });
schema.index({ status: 1, validUntil: 1 });
schema.index({ centerCode: 1, nextStepDue: 1 });

export function recognitionModel(conn: Connection): Model<Recognition> {
  return (conn.models.AssistanceRecognition as Model<Recognition>) ?? conn.model<Recognition>('AssistanceRecognition', schema);
}
