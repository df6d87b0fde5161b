import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { REGISTRATION_STATUSES, type RegistrationForm, type RegistrationStatus } from '@doorstep/shared';

export interface TimelineEvent { type: string; at: Date; by: Types.ObjectId | null; reason: string | null }
export interface FollowUp { at: Date; channel: string; outcome: string; note: string | null; nextDate: string | null; by: Types.ObjectId; byName: string | null; reached?: boolean }
/** How a registration ended. `by` is the account that recorded it (null: the system); `byRole` who that was. */
export interface Exit {
  reason: string; employer: string | null; employedOn: string | null; note: string | null; at: Date; by: Types.ObjectId | null;
  byRole?: 'worker' | 'staff' | 'employer' | 'system'; eventDate?: string | null; monthlyIncome?: number | null; employmentId?: Types.ObjectId | null;
}
/**
 * 窗口代办: the registration was filed by staff at the counter. The person's phone (encrypted + blind
 * index) is where the claim SMS went; a signed-in worker whose verified phone has the same blind index
 * and who types the same ID number claims it (userId set, claimedAt).
 */
export interface Counter {
  staffId: Types.ObjectId; staffName: string | null; centerCode: string;
  idCheckedBy: Types.ObjectId; idCheckedAt: Date; consentSignedAt: Date; commitmentSignedAt: Date;
  phoneEnc: string; phoneHash: string; claimedAt: Date | null; claimedBy: Types.ObjectId | null;
}

export interface Registration {
  /** The owner's account; null for a counter registration not yet claimed on the phone. */
  userId: Types.ObjectId | null;
  status: RegistrationStatus;
  /**
   * The form without the identifier, the real name and the hardships: those live only encrypted, bound
   * to this record (AES-GCM associated data `registrations/<id>/<field>`), in idNumberEnc, realNameEnc
   * and hardshipsEnc. Records from before that may still carry form.realName / form.hardships in clear;
   * they are read as they are and sealed on their next save.
   */
  form: Omit<RegistrationForm, 'idNumber'>;
  idNumberEnc: string | null;
  realNameEnc?: string | null;
  /** JSON array of the 困难情形 (disability, 低保, 零就业家庭 …), encrypted. */
  hardshipsEnc?: string | null;
  idHash: string | null;
  /** Set while the registration is open (draft … approved): one open registration per account. */
  openFor?: string;
  /**
   * Set while approved: one active registration per person (ID blind index, unique). Claimed at staff
   * approval, not at submission, so a submission never reveals (or blocks) someone else's registration.
   */
  activeIdHash?: string;
  /** Revision of this aggregate; every state change is a fenced step rev → rev + 1 (db/consistency.ts). */
  rev: number;
  district: string | null;
  centerCode: string | null;
  commitment: { version: string; acceptedAt: Date } | null;
  /** The worker's separate consent to process 敏感个人信息 (SENSITIVE_CONSENT): version and time. */
  sensitiveConsent?: { version: string; at: Date } | null;
  submitKeys: string[];
  submittedAt: Date | null;
  dueDate: string | null;
  returnReason: string | null;
  rejectReason: string | null;
  recordNo?: string;
  approvedAt: Date | null;
  exit: Exit | null;
  counter?: Counter | null;
  /** Unclaimed counter registrations by the given phone (blind index): what a worker may claim. */
  claimPhoneHash?: string;
  /** The day the statutory retirement age is reached (set at submission): closeAtRetirement's query. */
  retiresOn?: string | null;
  /** 就业转失业: the earlier registration and the job (就业登记) that ended before this one was filed. */
  reemployment?: { previousRegistrationId: Types.ObjectId | null; employmentId: Types.ObjectId; employer: string; startDate: string; kind: string } | null;
  classification: { category: string; level: 'A' | 'B' | 'C' } | null;
  nextFollowUpOn: string | null;
  followUps: FollowUp[];
  timeline: TimelineEvent[];
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<Registration>(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    status: { type: String, enum: REGISTRATION_STATUSES, required: true },
    form: { type: Schema.Types.Mixed, default: {} },
    idNumberEnc: { type: String, default: null },
    realNameEnc: { type: String, default: null },
    hardshipsEnc: { type: String, default: null },
    idHash: { type: String, default: null },
    openFor: { type: String },
    activeIdHash: { type: String },
    district: { type: String, default: null },
    centerCode: { type: String, default: null },
    commitment: { type: new Schema({ version: String, acceptedAt: Date }, { _id: false }), default: null },
    sensitiveConsent: { type: new Schema({ version: String, at: Date }, { _id: false }), default: null },
    submitKeys: { type: [String], default: [] },
    submittedAt: { type: Date, default: null },
    dueDate: { type: String, default: null },
    returnReason: { type: String, default: null },
    rejectReason: { type: String, default: null },
    recordNo: { type: String },
    approvedAt: { type: Date, default: null },
    exit: { type: Schema.Types.Mixed, default: null },
    counter: { type: Schema.Types.Mixed, default: null },
    claimPhoneHash: { type: String },
    retiresOn: { type: String, default: null },
    reemployment: { type: Schema.Types.Mixed, default: null },
    classification: { type: Schema.Types.Mixed, default: null },
    nextFollowUpOn: { type: String, default: null },
    followUps: { type: [new Schema<FollowUp>({ at: Date, channel: String, outcome: String, note: String, nextDate: String, by: Schema.Types.ObjectId, byName: String, reached: { type: Boolean, default: true } }, { _id: false })], default: [] },
    rev: { type: Number, default: 0 },
    // `type` is a field name here, hence { type: { type: String } }.
    timeline: { type: [new Schema<TimelineEvent>({ type: { type: String }, at: Date, by: { type: Schema.Types.ObjectId, default: null }, reason: { type: String, default: null } }, { _id: false })], default: [] },
  },
  { collection: 'registrations', timestamps: true, minimize: false },
);
schema.index({ openFor: 1 }, { unique: true, sparse: true });
schema.index({ activeIdHash: 1 }, { unique: true, sparse: true });
schema.index({ recordNo: 1 }, { unique: true, sparse: true });
schema.index({ userId: 1, createdAt: -1 });
schema.index({ idHash: 1 });
schema.index({ centerCode: 1, status: 1, dueDate: 1 });
schema.index({ centerCode: 1, nextFollowUpOn: 1 });
schema.index({ claimPhoneHash: 1 }, { sparse: true });
schema.index({ status: 1, retiresOn: 1 });
schema.index({ submitKeys: 1 });

export function registrationModel(conn: Connection): Model<Registration> {
  return (conn.models.Registration as Model<Registration>) ?? conn.model<Registration>('Registration', schema);
}
