import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { ROLES } from '@doorstep/shared';

const userSchema = new Schema(
  {
    // Phone: AES-GCM ciphertext + HMAC blind index (unique; sparse so WeChat-only users have none).
    phoneEnc: { type: String },
    phoneHash: { type: String },
    wechatOpenid: { type: String },
    wechatUnionid: { type: String },
    roles: { type: [String], enum: ROLES, default: ['worker'] },
    activeRole: { type: String, enum: ROLES, default: 'worker' },
    displayName: { type: String, default: null },
    /** Staff only: the service center they belong to. */
    serviceCenter: { type: String, default: null },
    /** Staff only: 'city' for a 市级管理员 (set only by the CLI); otherwise the center scope. */
    staffScope: { type: String, enum: ['center', 'city', null], default: null },
    disabledAt: { type: Date, default: null },
    /** Set by 注销 (account deletion): phone and WeChat are erased, the id stays for the records the law keeps. */
    deletedAt: { type: Date, default: null },
    /**
     * A WeChat-only account whose WeChat identity moved to the existing account of the phone it then
     * verified (getPhoneNumber): that account's id. Such an account is disabled (it has no login left).
     */
    mergedInto: { type: Schema.Types.ObjectId, ref: 'User' },
    rev: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'users' },
);
// Partial instead of sparse so documents without the field never collide, on MongoDB and FerretDB alike.
userSchema.index({ phoneHash: 1 }, { unique: true, sparse: true });
userSchema.index({ wechatOpenid: 1 }, { unique: true, sparse: true });

const refreshTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** All tokens rotated from one login share a family; reuse of a spent token revokes the family. */
    familyId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String, default: null },
  },
  { timestamps: true, collection: 'refresh_tokens' },
);
refreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
refreshTokenSchema.index({ familyId: 1 });

/**
 * One login = one refresh-token family. Every rotation of the family runs in
 * `Consistency.atomically('auth-session:<id>')`, so a refresh, a reuse and a logout of one login are
 * serialized whichever of its tokens they present.
 */
const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** When the person logged in; the absolute lifetime (REFRESH_TOKEN_ABSOLUTE_DAYS) counts from here. */
    loginAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String, default: null },
    /** The last rotation, so a refresh whose answer was lost gets the same pair again within the grace window. */
    lastRotation: {
      type: new Schema({ fromHash: String, at: Date, accessEnc: String, refreshEnc: String, expiresIn: Number }, { _id: false }),
      default: null,
    },
    rev: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'auth_sessions', versionKey: false },
);
sessionSchema.index({ userId: 1 });

const smsCodeSchema = new Schema(
  {
    phoneHash: { type: String, required: true },
    codeHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    attempts: { type: Number, default: 0 },
    /** Wrong tries per client (hashed address): one client locking itself out leaves the code usable for others. */
    failures: { type: [new Schema({ client: String, n: Number }, { _id: false })], default: [] },
    consumedAt: { type: Date, default: null },
    rev: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'sms_codes' },
);
smsCodeSchema.index({ phoneHash: 1, createdAt: -1 });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: import('mongoose').Types.ObjectId };
export type RefreshTokenDoc = InferSchemaType<typeof refreshTokenSchema>;
export type SmsCodeDoc = InferSchemaType<typeof smsCodeSchema>;
export type SessionDoc = InferSchemaType<typeof sessionSchema>;

export interface AuthModels {
  User: Model<InferSchemaType<typeof userSchema>>;
  RefreshToken: Model<RefreshTokenDoc>;
  SmsCode: Model<SmsCodeDoc>;
  Session: Model<SessionDoc>;
}

export function authModels(conn: Connection): AuthModels {
  return {
    User: conn.models.User ?? conn.model('User', userSchema),
    RefreshToken: conn.models.RefreshToken ?? conn.model('RefreshToken', refreshTokenSchema),
    SmsCode: conn.models.SmsCode ?? conn.model('SmsCode', smsCodeSchema),
    Session: conn.models.AuthSession ?? conn.model('AuthSession', sessionSchema),
  } as AuthModels;
}
