import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { RATING_CASE_KINDS, RATING_CONTACT_CHANNELS, RATING_FOLLOW_UP_STATUSES, type RatingCaseKind, type RatingContactChannel, type RatingFollowUpStatus } from '@doorstep/shared';
import { contentHoldSchema, type ContentHold } from '../content/guard';

/** What staff recorded when they followed up a 差评 (回访). */
export interface RatingFollowUpRecord { contacted: boolean; channel: RatingContactChannel; action: string; at: Date; by: Types.ObjectId; byName: string | null }

/**
 * 好差评: one rating per case (`caseKey` = `<kind>:<caseId>`, unique), by the case's owner, belonging to
 * the case's center. A 差评 (1–2 stars) carries a follow-up: `followUpStatus` open until staff of that
 * center record what they did (a fenced step under `rating:<id>`).
 */
export interface Rating {
  kind: RatingCaseKind;
  caseId: string;
  caseKey: string;
  caseTitle: string;
  userId: Types.ObjectId;
  stars: number;
  comment: string | null;
  /** The comment waits for a person (content security did not pass it): marked for staff. */
  contentHold: ContentHold | null;
  centerCode: string | null;
  district: string | null;
  bad: boolean;
  followUpStatus: RatingFollowUpStatus | null;
  /** China date by which the center should have contacted the person (差评 only). */
  followUpDue: string | null;
  followUp: RatingFollowUpRecord | null;
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

const followUpSchema = new Schema<RatingFollowUpRecord>({
  contacted: Boolean, channel: { type: String, enum: RATING_CONTACT_CHANNELS }, action: String, at: Date, by: Schema.Types.ObjectId, byName: { type: String, default: null },
}, { _id: false });

const schema = new Schema<Rating>({
  kind: { type: String, enum: RATING_CASE_KINDS, required: true },
  caseId: { type: String, required: true },
  caseKey: { type: String, required: true },
  caseTitle: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  stars: { type: Number, required: true, min: 1, max: 5 },
  comment: { type: String, default: null },
  contentHold: { type: contentHoldSchema, default: null },
  centerCode: { type: String, default: null },
  district: { type: String, default: null },
  bad: { type: Boolean, required: true },
  followUpStatus: { type: String, enum: [...RATING_FOLLOW_UP_STATUSES, null], default: null },
  followUpDue: { type: String, default: null },
  followUp: { type: followUpSchema, default: null },
  rev: { type: Number, default: 0 },
}, { timestamps: true, collection: 'ratings' });
// Once per case: a second rating (also a parallel one) is refused by this index.
schema.index({ caseKey: 1 }, { unique: true });
schema.index({ centerCode: 1, createdAt: -1 });
schema.index({ centerCode: 1, followUpStatus: 1 });
schema.index({ userId: 1, createdAt: -1 });

export function ratingModel(conn: Connection): Model<Rating> {
  return (conn.models.Rating as Model<Rating>) ?? conn.model<Rating>('Rating', schema);
}
