import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { VacancyApplicationStatus, VacancyKind, VacancyPayUnit, VacancyStatus } from '@doorstep/shared';
import { contentHoldSchema, type ContentHold } from '../content/guard';

/**
 * A regular vacancy (岗位) of a verified employer. Every change to it and to its applications is one
 * fenced step under `vacancy:<id>` (the key covers the applications, as `gig:<id>` does for gigs).
 */
export interface Vacancy {
  ownerId: Types.ObjectId;
  employerId: Types.ObjectId;
  employerName: string;
  title: string;
  occupation: string;
  kind: VacancyKind;
  payMin: number;
  payMax: number;
  payUnit: VacancyPayUnit;
  lat: number;
  lng: number;
  address: string;
  district: string | null;
  hours: string;
  requirements: string;
  skills: string[];
  headcount: number;
  hired: number;
  closingDate: string;
  contactName: string;
  contactPhoneEnc: string;
  status: VacancyStatus;
  contentHold: ContentHold | null;
  reviewNote: string | null;
  idempotencyKey: string | null;
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface VacancyApplication {
  vacancyId: Types.ObjectId;
  employerId: Types.ObjectId;
  userId: Types.ObjectId;
  /** The vacancy's district (staff dashboard of referrals by center). */
  district: string | null;
  /** The profile the person chose to share, encrypted (bound to `vacancy-applications/<id>/profile`). */
  profileEnc: string;
  status: VacancyApplicationStatus;
  interview: { at: string; place: string; note: string | null } | null;
  answerNote: string | null;
  answeredAt: Date | null;
  /** The staff referral this application came from (推荐), if any. */
  referralId: Types.ObjectId | null;
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * 推荐: staff refer a registered person to a vacancy. The outcome is the person's application to it
 * (linked when they apply), followed up by the staff who referred them.
 */
export interface Referral {
  vacancyId: Types.ObjectId;
  userId: Types.ObjectId;
  registrationId: Types.ObjectId;
  /** The registration's district (the referring center's scope). */
  district: string | null;
  centerCode: string | null;
  staffId: Types.ObjectId;
  staffName: string;
  note: string | null;
  applicationId: Types.ObjectId | null;
  /** `<vacancyId>:<userId>`: one referral of a person to a vacancy. */
  uniqueKey: string;
  createdAt: Date;
}

const vacancySchema = new Schema<Vacancy>({
  ownerId: { type: Schema.Types.ObjectId, required: true, index: true },
  employerId: { type: Schema.Types.ObjectId, required: true },
  employerName: String,
  title: String,
  occupation: String,
  kind: String,
  payMin: Number,
  payMax: Number,
  payUnit: String,
  lat: Number,
  lng: Number,
  address: String,
  district: { type: String, default: null },
  hours: String,
  requirements: String,
  skills: [String],
  headcount: Number,
  hired: { type: Number, default: 0 },
  closingDate: String,
  contactName: String,
  contactPhoneEnc: String,
  status: { type: String, required: true, index: true },
  contentHold: { type: contentHoldSchema, default: null },
  reviewNote: { type: String, default: null },
  idempotencyKey: { type: String, default: null },
  rev: { type: Number, default: 0 },
}, { timestamps: true });
// A repeated 发布 tap is found by its key inside the employer's section (as for gigs).
vacancySchema.index({ employerId: 1, idempotencyKey: 1 });

const applicationSchema = new Schema<VacancyApplication>({
  vacancyId: { type: Schema.Types.ObjectId, required: true, index: true },
  employerId: Schema.Types.ObjectId,
  userId: { type: Schema.Types.ObjectId, required: true, index: true },
  district: { type: String, default: null, index: true },
  profileEnc: String,
  status: { type: String, required: true },
  interview: { type: new Schema({ at: String, place: String, note: { type: String, default: null } }, { _id: false }), default: null },
  answerNote: { type: String, default: null },
  answeredAt: { type: Date, default: null },
  referralId: { type: Schema.Types.ObjectId, default: null },
  rev: { type: Number, default: 0 },
}, { timestamps: true });
// One application per person and vacancy (a withdrawn one is applied again by updating it).
applicationSchema.index({ vacancyId: 1, userId: 1 }, { unique: true });

const referralSchema = new Schema<Referral>({
  vacancyId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true, index: true },
  registrationId: { type: Schema.Types.ObjectId, required: true, index: true },
  district: { type: String, default: null, index: true },
  centerCode: { type: String, default: null },
  staffId: Schema.Types.ObjectId,
  staffName: String,
  note: { type: String, default: null },
  applicationId: { type: Schema.Types.ObjectId, default: null },
  uniqueKey: { type: String, required: true, unique: true },
}, { timestamps: { createdAt: true, updatedAt: false } });

export function vacancyModels(conn: Connection): { Vacancy: Model<Vacancy>; Application: Model<VacancyApplication>; Referral: Model<Referral> } {
  return {
    Vacancy: (conn.models.Vacancy as Model<Vacancy> | undefined) ?? conn.model<Vacancy>('Vacancy', vacancySchema),
    Application: (conn.models.VacancyApplication as Model<VacancyApplication> | undefined) ?? conn.model<VacancyApplication>('VacancyApplication', applicationSchema, 'vacancy_applications'),
    Referral: (conn.models.VacancyReferral as Model<VacancyReferral> | undefined) ?? conn.model<Referral>('VacancyReferral', referralSchema, 'vacancy_referrals'),
  };
}
type VacancyReferral = Referral;
