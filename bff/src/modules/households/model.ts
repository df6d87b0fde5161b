import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface HouseholdMember {
  _id: Types.ObjectId;
  /** Encrypted, bound to `households/<id>/members/<memberId>/name|idNumber`. */
  nameEnc: string;
  idEnc: string;
  idType: string;
  /** Blind index of `${idType}:${normalized}` — the same index registrations and employments carry. */
  idHash: string;
  relation: string;
  ableToWork: boolean;
  wantsWork: boolean;
  employed: boolean;
  /** The 就业登记 that made this member employed (null: employed as entered by staff). */
  employmentId: Types.ObjectId | null;
}

/**
 * A household kept by a center (零就业家庭 动态清零). `status` is `open` while no member is employed
 * (from `zeroSince`), `cleared` once a member's 就业登记 clears it, `employed` when created or edited
 * with someone working. Every change is one fenced step under `hh:<id>`.
 */
export interface Household {
  district: string;
  street: string;
  centerCode: string | null;
  addressEnc: string;
  members: HouseholdMember[];
  /** Member idHashes (indexed): the worker's own household and the 就业登记 link. */
  memberHashes: string[];
  status: 'open' | 'cleared' | 'employed';
  zeroSince: string | null;
  zeroSinceAt: Date | null;
  clearedAt: Date | null;
  clearedBy: { memberId: Types.ObjectId; employmentId: Types.ObjectId | null } | null;
  /** Days at zero when it was last cleared. */
  clearedAfterDays: number | null;
  createdBy: Types.ObjectId;
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

const member = new Schema<HouseholdMember>({
  nameEnc: String, idEnc: String, idType: String, idHash: String, relation: String, ableToWork: Boolean, wantsWork: Boolean, employed: Boolean,
  employmentId: { type: Schema.Types.ObjectId, default: null },
});

const schema = new Schema<Household>({
  district: { type: String, required: true, index: true },
  street: String,
  centerCode: { type: String, default: null },
  addressEnc: String,
  members: [member],
  memberHashes: { type: [String], index: true },
  status: { type: String, required: true, index: true },
  zeroSince: { type: String, default: null },
  zeroSinceAt: { type: Date, default: null },
  clearedAt: { type: Date, default: null },
  clearedBy: { type: { memberId: Schema.Types.ObjectId, employmentId: Schema.Types.ObjectId }, default: null, _id: false },
  clearedAfterDays: { type: Number, default: null },
  createdBy: Schema.Types.ObjectId,
  rev: { type: Number, default: 0 },
}, { timestamps: true, collection: 'households' });

export function householdModel(conn: Connection): Model<Household> {
  return (conn.models.Household as Model<Household>) ?? conn.model<Household>('Household', schema);
}
