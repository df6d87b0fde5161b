import crypto from 'node:crypto';
import type { Connection } from 'mongoose';
import { maskPhone, type AuthSession, type Role, type UserView } from '@doorstep/shared';
import type { Config } from '../../config';
import type { AuthUser } from '../../http/api';
import type { TokenSigner } from '../../http/auth';
import { AppError, badRequest, conflict, forbidden, notFound, unauthorized } from '../../http/errors';
import type { RateLimiter } from '../../http/rate-limit';
import type { SmsProvider } from '../../integrations/sms';
import type { WechatClient } from '../../integrations/wechat';
import { safeEqual, sha256, type Pii } from '../../security/pii';
import { Locks } from '../../db/lock';
import { authModels, type AuthModels } from './model';
import { isDuplicateKey } from '../../db/errors';

const MAX_CODE_ATTEMPTS = 5;

export interface AuthDeps {
  conn: Connection;
  config: Config;
  pii: Pii;
  signer: TokenSigner;
  limiter: RateLimiter;
  sms: SmsProvider;
  wechat: WechatClient;
  now?: () => number;
}

type UserLike = { _id: { toString(): string }; roles?: string[] | null; activeRole?: string | null; phoneEnc?: string | null; wechatOpenid?: string | null; displayName?: string | null };

export class AuthService {
  readonly models: AuthModels;
  private readonly now: () => number;
  private readonly locks: Locks;

  constructor(private readonly deps: AuthDeps) {
    this.models = authModels(deps.conn);
    this.locks = new Locks(deps.conn);
    this.now = deps.now ?? Date.now;
  }

  view(user: UserLike): UserView {
    return {
      id: user._id.toString(),
      roles: (user.roles ?? ['worker']) as Role[],
      activeRole: (user.activeRole ?? 'worker') as Role,
      phoneMasked: user.phoneEnc ? maskPhone(this.deps.pii.decrypt(user.phoneEnc)) : null,
      hasWechat: Boolean(user.wechatOpenid),
      displayName: user.displayName ?? null,
    };
  }

  // ---- SMS ---------------------------------------------------------------------------------

  async sendSmsCode(phone: string, ip: string) {
    const { config, limiter, pii } = this.deps;
    const phoneHash = pii.blindIndex('phone', phone);
    await limiter.consume(`sms-ip:${ip}`, config.SMS_IP_HOURLY_LIMIT, 3600, '当前网络请求验证码太频繁，请一小时后再试');
    await limiter.consume(`sms-phone:${phoneHash}`, config.SMS_PHONE_HOURLY_LIMIT, 3600, '该手机号获取验证码次数过多，请一小时后再试');
    await limiter.cooldown(`sms-phone:${phoneHash}`, config.SMS_PHONE_COOLDOWN_SECONDS, '验证码已发送，请稍后再获取');
    const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
    await this.models.SmsCode.create({
      phoneHash,
      codeHash: sha256(`${phoneHash}:${code}`),
      expiresAt: new Date(this.now() + config.SMS_CODE_TTL_SECONDS * 1000),
    });
    const minutes = Math.round(config.SMS_CODE_TTL_SECONDS / 60);
    await this.deps.sms.send(phone, `【家门口就业】验证码 ${code}，${minutes} 分钟内有效。如非本人操作请忽略。`);
    return { sent: true as const, cooldownSeconds: config.SMS_PHONE_COOLDOWN_SECONDS, expiresInSeconds: config.SMS_CODE_TTL_SECONDS };
  }

  async loginWithSms(phone: string, code: string, ip: string): Promise<AuthSession> {
    const { pii, limiter } = this.deps;
    const phoneHash = pii.blindIndex('phone', phone);
    await limiter.consume(`sms-login-ip:${ip}`, 60, 3600, '登录尝试太频繁，请稍后再试');
    // One check-and-consume at a time per phone: a code logs in once, and wrong tries all count.
    await this.locks.withLock(`sms-login:${phoneHash}`, async () => {
      const now = new Date(this.now());
      const latest = await this.models.SmsCode.findOne({ phoneHash, consumedAt: null }).sort({ createdAt: -1 }).lean();
      if (!latest || latest.expiresAt <= now) throw badRequest('验证码已过期或未获取，请重新获取', [{ field: 'code', message: '验证码已过期' }], 'CODE_EXPIRED');
      if (latest.attempts >= MAX_CODE_ATTEMPTS) throw badRequest('验证码错误次数过多，请重新获取', [{ field: 'code', message: '错误次数过多' }], 'CODE_LOCKED');
      if (!safeEqual(latest.codeHash, sha256(`${phoneHash}:${code}`))) {
        await this.models.SmsCode.updateOne({ _id: latest._id }, { $inc: { attempts: 1 } });
        throw badRequest('验证码不正确', [{ field: 'code', message: '验证码不正确' }], 'CODE_INVALID');
      }
      // Consume atomically so one code logs in once, even with two taps at the same time.
      const consumed = await this.models.SmsCode.findOneAndUpdate({ _id: latest._id, consumedAt: null }, { $set: { consumedAt: now } });
      if (!consumed) throw badRequest('验证码已使用，请重新获取', [{ field: 'code', message: '验证码已使用' }], 'CODE_EXPIRED');
    });
    const user = await this.findOrCreate({ phoneHash }, { phoneHash, phoneEnc: pii.encrypt(phone) });
    return this.issueSession(user);
  }

  // ---- WeChat ------------------------------------------------------------------------------

  async loginWithWechat(code: string): Promise<AuthSession> {
    const { openid, unionid } = await this.deps.wechat.code2Session(code);
    const user = await this.findOrCreate({ wechatOpenid: openid }, { wechatOpenid: openid, ...(unionid ? { wechatUnionid: unionid } : {}) });
    return this.issueSession(user);
  }

  async bindWechatPhone(userId: string, code: string): Promise<UserView> {
    const { purePhoneNumber, countryCode } = await this.deps.wechat.getPhoneNumber(code);
    if (countryCode !== '86' || !/^1[3-9]\d{9}$/.test(purePhoneNumber)) throw badRequest('目前只支持中国大陆手机号', undefined, 'PHONE_UNSUPPORTED');
    const { pii } = this.deps;
    const phoneHash = pii.blindIndex('phone', purePhoneNumber);
    const other = await this.models.User.findOne({ phoneHash, _id: { $ne: userId } }).lean();
    if (other) throw conflict('该手机号已绑定其他账号，请用短信验证码登录那个账号', 'PHONE_TAKEN');
    const user = await this.models.User.findOneAndUpdate({ _id: userId }, { $set: { phoneHash, phoneEnc: pii.encrypt(purePhoneNumber) } }, { new: true }).lean();
    if (!user) throw notFound('账号不存在');
    return this.view(user);
  }

  // ---- Tokens ------------------------------------------------------------------------------

  async refresh(refreshToken: string): Promise<AuthSession> {
    const tokenHash = sha256(refreshToken);
    const now = new Date(this.now());
    // Spending a refresh token must happen once even when two requests race with the same token.
    const spent = await this.locks.withLock(`refresh:${tokenHash}`, async () => {
      const doc = await this.models.RefreshToken.findOneAndUpdate(
        { tokenHash, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
      ).lean();
      if (doc) return doc;
      const known = await this.models.RefreshToken.findOne({ tokenHash }).lean();
      if (known && (known.usedAt || known.revokedAt)) {
        // A spent token came back: someone holds a copy. End every session of that login.
        await this.models.RefreshToken.updateMany({ familyId: known.familyId, revokedAt: null }, { $set: { revokedAt: now, revokedReason: 'reuse' } });
        throw unauthorized('登录状态异常，请重新登录', 'REFRESH_REUSED');
      }
      throw unauthorized('登录已过期，请重新登录', 'REFRESH_INVALID');
    });
    const user = await this.models.User.findById(spent.userId).lean();
    if (!user || user.disabledAt) throw unauthorized('账号不可用，请联系服务中心', 'USER_DISABLED');
    return this.issueSession(user, spent.familyId);
  }

  async logout(refreshToken: string): Promise<void> {
    const known = await this.models.RefreshToken.findOne({ tokenHash: sha256(refreshToken) }).lean();
    if (known) await this.models.RefreshToken.updateMany({ familyId: known.familyId, revokedAt: null }, { $set: { revokedAt: new Date(this.now()), revokedReason: 'logout' } });
  }

  async me(auth: AuthUser): Promise<UserView> {
    const user = await this.models.User.findById(auth.id).lean();
    if (!user || user.disabledAt) throw unauthorized('账号不可用，请重新登录', 'USER_DISABLED');
    return this.view(user);
  }

  /** 找活 ⇄ 招工: a person adds the employer role by switching to it. Staff accounts do not switch. */
  async switchRole(auth: AuthUser, role: 'worker' | 'employer'): Promise<AuthSession> {
    const current = await this.models.User.findById(auth.id).lean();
    if (!current || current.disabledAt) throw unauthorized('账号不可用，请重新登录', 'USER_DISABLED');
    if (current.roles.includes('staff')) throw forbidden('经办人员账号不能切换为求职者或用人单位身份');
    const user = await this.models.User.findOneAndUpdate({ _id: auth.id }, { $set: { activeRole: role }, $addToSet: { roles: role } }, { new: true }).lean();
    return this.issueSession(user!);
  }

  /** Creates or promotes a staff account; used only by the CLI (`npm run staff:create`). */
  /** A center's staff member, or (scope 'city', no center) a 市级管理员. CLI, seed and tests only. */
  upsertStaff(phone: string, displayName: string, serviceCenter: string | null, staffScope: 'center' | 'city' = 'center'): Promise<UserView> {
    return this.ensureUser(phone, { roles: ['staff'], activeRole: 'staff', displayName, serviceCenter: serviceCenter ?? undefined, staffScope });
  }

  /** Finds or creates the account of a phone and sets its roles; for CLI scripts and the demo seed only. */
  async ensureUser(phone: string, fields: { roles: Role[]; activeRole: Role; displayName: string; serviceCenter?: string; staffScope?: 'center' | 'city' }): Promise<UserView> {
    const { pii } = this.deps;
    const phoneHash = pii.blindIndex('phone', phone);
    await this.findOrCreate({ phoneHash }, { phoneHash, phoneEnc: pii.encrypt(phone) });
    const user = await this.models.User.findOneAndUpdate({ phoneHash }, { $set: { serviceCenter: null, staffScope: null, ...fields } }, { new: true }).lean();
    return this.view(user!);
  }

  private async findOrCreate(filter: Record<string, unknown>, fields: Record<string, unknown>) {
    const existing = await this.models.User.findOne(filter).lean();
    if (existing) {
      if (existing.disabledAt) throw new AppError(403, 'USER_DISABLED', '账号已停用，请联系服务中心');
      return existing;
    }
    try {
      return (await this.models.User.create({ ...fields, roles: ['worker'], activeRole: 'worker' })).toObject();
    } catch (err) {
      // Two first logins at once: the unique index lets one insert win; use that one.
      if (!isDuplicateKey(err)) throw err;
      const winner = await this.models.User.findOne(filter).lean();
      if (!winner) throw err;
      return winner;
    }
  }

  private async issueSession(user: UserLike, familyId: string = crypto.randomUUID()): Promise<AuthSession> {
    const view = this.view(user);
    const { token, expiresIn } = this.deps.signer.signAccess({ id: view.id, roles: view.roles, activeRole: view.activeRole });
    const refreshToken = crypto.randomBytes(32).toString('base64url');
    await this.models.RefreshToken.create({
      tokenHash: sha256(refreshToken),
      userId: user._id,
      familyId,
      expiresAt: new Date(this.now() + this.deps.config.REFRESH_TOKEN_TTL_DAYS * 86400_000),
    });
    return { accessToken: token, expiresIn, refreshToken, user: view };
  }
}
