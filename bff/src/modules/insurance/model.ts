import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { INSURANCE_CLAIM_STATUSES, type InsuranceClaimStatus, type InsuranceMaterial, type InsuranceStopReason, type InsuredPeriod } from '@doorstep/shared';

export interface ClaimEvent { type: string; at: Date; by: Types.ObjectId | null; reason: string | null }

/** 失业保险金申领: one claim per benefit spell, linked to the person's unemployment registration. */
export interface InsuranceClaim {
  userId: Types.ObjectId;
  registrationId: Types.ObjectId;
  /** The registration's ID blind index: the CSV import finds a person's claim by it. */
  idHash: string | null;
  /** The registration's district and center (the staff scope), copied at filing. */
  district: string | null;
  centerCode: string | null;
  status: InsuranceClaimStatus;
  /** Set while submitted or approved: one open claim per account (unique). */
  openFor?: string;
  /** Set while approved: one claim drawing benefit per person (ID blind index, unique), claimed at approval. */
  activeIdHash?: string;
  history: InsuredPeriod[];
  unemploymentReason: string | null;
  employerFault: string | null;
  materials: InsuranceMaterial[];
  bankName: string;
  /** AES-GCM, bound to `insurance_claims/<id>/bankAccount`. */
  bankAccountEnc: string;
  commitment: { version: string; acceptedAt: Date };
  submitKeys: string[];
  /** Insured months of this spell (counted after the earlier spell's last benefit month, if any). */
  insuredMonths: number;
  countAfter: string | null;
  baseMonths: number;
  carriedOverMonths: number;
  /** Set at approval (0 before). */
  totalMonths: number;
  /** Estimated at filing from the standard of the day, fixed at approval. */
  monthlyAmount: number;
  startMonth: string;
  paidMonths: string[];
  submittedAt: Date;
  dueDate: string;
  decidedAt: Date | null;
  decisionReason: string | null;
  stop: { reason: InsuranceStopReason; eventDate: string; fromMonth: string; note: string | null; at: Date; by: Types.ObjectId | null } | null;
  timeline: ClaimEvent[];
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

/** 发放记录: one row per claim and month, never two (unique index), each with the payment system's 流水号. */
export interface InsurancePayment {
  claimId: Types.ObjectId;
  userId: Types.ObjectId;
  idHash: string | null;
  district: string | null;
  centerCode: string | null;
  month: string;
  amount: number;
  serialNo: string;
  source: 'staff' | 'import';
  by: Types.ObjectId;
  paidAt: Date;
}

const claimSchema = new Schema<InsuranceClaim>(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    registrationId: { type: Schema.Types.ObjectId, ref: 'Registration', required: true },
    idHash: { type: String, default: null },
    district: { type: String, default: null },
    centerCode: { type: String, default: null },
    status: { type: String, enum: INSURANCE_CLAIM_STATUSES, required: true },
    openFor: { type: String },
    activeIdHash: { type: String },
    history: { type: [new Schema({ employer: String, from: String, to: String, monthsPaid: Number }, { _id: false })], default: [] },
    unemploymentReason: { type: String, default: null },
    employerFault: { type: String, default: null },
    materials: { type: [String], default: [] },
    bankName: { type: String, required: true },
    bankAccountEnc: { type: String, required: true },
    commitment: { type: new Schema({ version: String, acceptedAt: Date }, { _id: false }), required: true },
    submitKeys: { type: [String], default: [] },
    insuredMonths: { type: Number, default: 0 },
    countAfter: { type: String, default: null },
    baseMonths: { type: Number, default: 0 },
    carriedOverMonths: { type: Number, default: 0 },
    totalMonths: { type: Number, default: 0 },
    monthlyAmount: { type: Number, default: 0 },
    startMonth: { type: String, required: true },
    paidMonths: { type: [String], default: [] },
    submittedAt: { type: Date, required: true },
    dueDate: { type: String, required: true },
    decidedAt: { type: Date, default: null },
    decisionReason: { type: String, default: null },
    stop: { type: Schema.Types.Mixed, default: null },
    timeline: { type: [new Schema<ClaimEvent>({ type: { type: String }, at: Date, by: { type: Schema.Types.ObjectId, default: null }, reason: { type: String, default: null } }, { _id: false })], default: [] },
    rev: { type: Number, default: 0 },
  },
  { collection: 'insurance_claims', timestamps: true, minimize: false },
);
claimSchema.index({ openFor: 1 }, { unique: true, sparse: true });
claimSchema.index({ activeIdHash: 1 }, { unique: true, sparse: true });
claimSchema.index({ userId: 1, createdAt: -1 });
claimSchema.index({ idHash: 1 });
claimSchema.index({ centerCode: 1, status: 1, dueDate: 1 });

const paymentSchema = new Schema<InsurancePayment>(
  {
    claimId: { type: Schema.Types.ObjectId, ref: 'InsuranceClaim', required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    idHash: { type: String, default: null },
    district: { type: String, default: null },
    centerCode: { type: String, default: null },
    month: { type: String, required: true },
    amount: { type: Number, required: true },
    serialNo: { type: String, required: true },
    source: { type: String, enum: ['staff', 'import'], required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    paidAt: { type: Date, required: true },
  },
  { collection: 'insurance_payments', versionKey: false },
);
// A month is never paid twice for one claim, and one payment-system 流水号 is one payment.
paymentSchema.index({ claimId: 1, month: 1 }, { unique: true });
paymentSchema.index({ serialNo: 1 }, { unique: true });
paymentSchema.index({ centerCode: 1, month: 1 });

export function insuranceModels(conn: Connection): { Claim: Model<InsuranceClaim>; Payment: Model<InsurancePayment> } {
  return {
    Claim: (conn.models.InsuranceClaim as Model<InsuranceClaim>) ?? conn.model<InsuranceClaim>('InsuranceClaim', claimSchema),
    Payment: (conn.models.InsurancePayment as Model<InsurancePayment>) ?? conn.model<InsurancePayment>('InsurancePayment', paymentSchema),
  };
}
