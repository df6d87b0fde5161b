import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { EMPLOYMENT_KINDS, type EmploymentKind } from '@doorstep/shared';

/**
 * 就业登记: a job a person started, recorded by the person or by the employer that hired them. Recording
 * one closes the person's open unemployment registration (第六十三条, the matching item). A registration
 * filed later links back to the latest one (就业转失业).
 */
export interface Employment {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  /** ID blind index of the person, when known (from their registration): links across accounts. */
  idHash: string | null;
  employerName: string;
  /** The employer account that recorded it (null when the worker did). */
  employerId: Types.ObjectId | null;
  applicationId: Types.ObjectId | null;
  startDate: string;
  kind: EmploymentKind;
  recordedBy: 'worker' | 'employer';
  recordedById: Types.ObjectId;
  /** One record per person, employer and start date: a repeated tap is the same record. */
  dedupeKey: string;
  closedRegistrationId: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<Employment>(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    idHash: { type: String, default: null },
    employerName: { type: String, required: true },
    employerId: { type: Schema.Types.ObjectId, default: null },
    applicationId: { type: Schema.Types.ObjectId, default: null },
    startDate: { type: String, required: true },
    kind: { type: String, enum: EMPLOYMENT_KINDS, required: true },
    recordedBy: { type: String, enum: ['worker', 'employer'], required: true },
    recordedById: { type: Schema.Types.ObjectId, required: true },
    dedupeKey: { type: String, required: true },
    closedRegistrationId: { type: Schema.Types.ObjectId, default: null },
  },
  { collection: 'employments', timestamps: true },
);
schema.index({ dedupeKey: 1 }, { unique: true });
schema.index({ userId: 1, startDate: -1 });
schema.index({ idHash: 1 });
schema.index({ employerId: 1, createdAt: -1 });

export function employmentModel(conn: Connection): Model<Employment> {
  return (conn.models.Employment as Model<Employment>) ?? conn.model<Employment>('Employment', schema);
}
