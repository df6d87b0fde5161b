import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { PersonFacts, PolicyInput } from '@doorstep/shared';

/**
 * A policy keeps its working content (`content`, edited by staff, version `version`) and, once
 * published, a frozen copy (`live`, version `liveVersion`) that the public sees. Editing a published
 * policy makes a new version; the public keeps seeing the old one until it is published again.
 * Every saved version is also kept in policy_versions.
 */
export interface PolicyDoc {
  _id: Types.ObjectId;
  slug: string;
  status: 'draft' | 'published' | 'unpublished';
  version: number;
  content: PolicyInput;
  live: PolicyInput | null;
  liveVersion: number | null;
  updatedBy: string | null;
  /** Revision of this aggregate (fenced steps, db/consistency.ts). */
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

const policySchema = new Schema<PolicyDoc>(
  {
    slug: { type: String, required: true },
    status: { type: String, required: true, enum: ['draft', 'published', 'unpublished'] },
    version: { type: Number, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    live: { type: Schema.Types.Mixed, default: null },
    liveVersion: { type: Number, default: null },
    updatedBy: { type: String, default: null },
    rev: { type: Number, default: 0 },
  },
  { collection: 'policies', timestamps: true, minimize: false },
);
policySchema.index({ slug: 1 }, { unique: true });
policySchema.index({ status: 1 });

export interface PolicyVersionDoc { policyId: string; version: number; content: PolicyInput; savedBy: string | null; publishedAt: Date | null; createdAt: Date }
const versionSchema = new Schema<PolicyVersionDoc>(
  {
    policyId: { type: String, required: true },
    version: { type: Number, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    savedBy: { type: String, default: null },
    publishedAt: { type: Date, default: null },
  },
  { collection: 'policy_versions', timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);
versionSchema.index({ policyId: 1, version: 1 }, { unique: true });

/** Catalog revision: bumped on every change the public can see; each instance rebuilds its index when it moves. */
export interface PolicyMetaDoc { _id: string; rev: number }
const metaSchema = new Schema<PolicyMetaDoc>({ _id: { type: String, required: true }, rev: { type: Number, required: true } }, { collection: 'policy_meta', versionKey: false });

/**
 * What the policy module knows about a person (written by the registration module through PolicyService).
 * The facts include 困难情形, so they are stored encrypted (`factsEnc`, associated data
 * `person_facts/<userId>`); `facts` in clear is only read, for records from before that.
 * `asOf` is the time of the registration state they come from: an older state never overwrites a newer one.
 */
export interface PersonFactsDoc { userId: string; facts?: PersonFacts | null; factsEnc?: string | null; asOf?: Date | null; updatedAt: Date }
const personFactsSchema = new Schema<PersonFactsDoc>(
  { userId: { type: String, required: true }, facts: { type: Schema.Types.Mixed, default: null }, factsEnc: { type: String, default: null }, asOf: { type: Date, default: null }, updatedAt: { type: Date, required: true } },
  { collection: 'person_facts', minimize: false },
);
personFactsSchema.index({ userId: 1 }, { unique: true });

export interface PolicyApplicationDoc {
  _id: Types.ObjectId;
  policyId: string;
  policyTitle: string;
  policyVersion: number;
  userId: string;
  /** Legacy clear name; new applications keep it only in applicantNameEnc (associated data `policy_applications/<id>/applicantName`). */
  applicantName?: string | null;
  applicantNameEnc?: string | null;
  district?: string | null;
  /** once | YYYY | YYYY-MM: one application per policy, person and period. */
  period: string;
  status: 'submitted' | 'approved' | 'returned' | 'rejected';
  /** Legacy clear facts (no provenance). New applications keep their facts only in factsEnc. */
  facts?: PersonFacts | null;
  /**
   * JSON `{ recorded, declared }`, encrypted (associated data `policy_applications/<id>/facts`):
   * recorded facts come from the approved registration, declared ones are the applicant's own answers
   * for what the record lacks; a declared answer never overrides a recorded fact.
   */
  factsEnc?: string | null;
  /** Which fact came from where (keys only, no values). */
  factSources?: Record<string, 'recorded' | 'declared'>;
  rev: number;
  amount: number | null;
  note: string | null;
  /** The applicant's separate consent to process 困难类别 answers (POLICY_HARDSHIP_CONSENT): version and time; null without such answers. */
  sensitiveConsent?: { version: string; at: Date } | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
const applicationSchema = new Schema<PolicyApplicationDoc>(
  {
    policyId: { type: String, required: true },
    policyTitle: { type: String, required: true },
    policyVersion: { type: Number, required: true },
    userId: { type: String, required: true },
    applicantName: { type: String, default: null },
    applicantNameEnc: { type: String, default: null },
    /** The applicant's district when they applied (routing rule), for staff lists; null: none found, the city's. */
    district: { type: String, default: null },
    period: { type: String, required: true },
    status: { type: String, required: true, enum: ['submitted', 'approved', 'returned', 'rejected'] },
    facts: { type: Schema.Types.Mixed, default: null },
    factsEnc: { type: String, default: null },
    factSources: { type: Schema.Types.Mixed, default: {} },
    rev: { type: Number, default: 0 },
    amount: { type: Number, default: null },
    note: { type: String, default: null },
    sensitiveConsent: { type: new Schema({ version: String, at: Date }, { _id: false }), default: null },
    reason: { type: String, default: null },
    decidedBy: { type: String, default: null },
    decidedAt: { type: Date, default: null },
  },
  { collection: 'policy_applications', timestamps: true, minimize: false },
);
applicationSchema.index({ policyId: 1, userId: 1, period: 1 }, { unique: true });
applicationSchema.index({ userId: 1, createdAt: -1 });
applicationSchema.index({ status: 1, createdAt: 1 });
applicationSchema.index({ district: 1, status: 1 });

export function policyModels(conn: Connection) {
  return {
    Policy: (conn.models.Policy as Model<PolicyDoc>) ?? conn.model<PolicyDoc>('Policy', policySchema),
    PolicyVersion: (conn.models.PolicyVersion as Model<PolicyVersionDoc>) ?? conn.model<PolicyVersionDoc>('PolicyVersion', versionSchema),
    PolicyMeta: (conn.models.PolicyMeta as Model<PolicyMetaDoc>) ?? conn.model<PolicyMetaDoc>('PolicyMeta', metaSchema),
    PersonFacts: (conn.models.PersonFacts as Model<PersonFactsDoc>) ?? conn.model<PersonFactsDoc>('PersonFacts', personFactsSchema),
    PolicyApplication: (conn.models.PolicyApplication as Model<PolicyApplicationDoc>) ?? conn.model<PolicyApplicationDoc>('PolicyApplication', applicationSchema),
  };
}
export type PolicyModels = ReturnType<typeof policyModels>;
