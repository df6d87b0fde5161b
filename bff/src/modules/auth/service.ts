import crypto from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { maskPhone, type AuthSession, type Role, type UserView } from '@doorstep/shared';
import type { Config } from '../../config';
import type { AuthUser } from '../../http/api';
import type { TokenSigner } from '../../http/auth';
import { AppError, badRequest, conflict, forbidden, notFound, tooManyRequests, unauthorized } from '../../http/errors';
import type { RateLimiter } from '../../http/rate-limit';
import type { SmsProvider } from '../../integrations/sms';
import type { WechatClient } from '../../integrations/wechat';
import { safeEqual, sha256, type Pii } from '../../security/pii';
import { Consistency, type Tx } from '../../db/consistency';
import { authModels, type AuthModels } from './model';
import { isDuplicateKey } from '../../db/errors';

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
  private readonly c: Consistency;
  private readonly listeners: ((userId: string) => void)[] = [];

  constructor(private readonly deps: AuthDeps) {
    this.models = authModels(deps.conn);
    this.now = deps.now ?? Date.now;
    this.c = new Consistency(deps.conn, { now: this.now });
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
    const phoneKey = `sms-phone:${phoneHash}`;
    const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
    // Cooldown first, quota second, and only a code that is really sent counts against the hour:
    // taps inside the cooldown (anyone's) cannot burn the phone's hourly quota.
    await this.c.atomically(`sms-send:${phoneHash}`, async (tx) => {
      const wait = await limiter.cooldownLeft(phoneKey);
      if (wait > 0) throw tooManyRequests('验证码已发送，请稍后再获取', wait);
      if ((await limiter.used(phoneKey, 3600)) >= config.SMS_PHONE_HOURLY_LIMIT) throw tooManyRequests('该手机号获取验证码次数过多，请一小时后再试', limiter.windowLeft(3600));
      await limiter.hit(tx, phoneKey, 3600);
      await limiter.startCooldown(tx, phoneKey, config.SMS_PHONE_COOLDOWN_SECONDS);
      await this.models.SmsCode.create({
        phoneHash,
        codeHash: sha256(`${phoneHash}:${code}`),
        expiresAt: new Date(this.now() + config.SMS_CODE_TTL_SECONDS * 1000),
      });
    });
    const minutes = Math.round(config.SMS_CODE_TTL_SECONDS / 60);
    await this.deps.sms.send(phone, `【家门口就业】验证码 ${code}，${minutes} 分钟内有效。如非本人操作请忽略。`);
    return { sent: true as const, cooldownSeconds: config.SMS_PHONE_COOLDOWN_SECONDS, expiresInSeconds: config.SMS_CODE_TTL_SECONDS };
  }

  async loginWithSms(phone: string, code: string, ip: string): Promise<AuthSession> {
    const { pii, limiter, config } = this.deps;
    const phoneHash = pii.blindIndex('phone', phone);
    await limiter.consume(`sms-login-ip:${ip}`, config.SMS_LOGIN_IP_HOURLY_LIMIT, 3600, '登录尝试太频繁，请稍后再试');
    const client = sha256(`sms-client:${ip}`).slice(0, 32);
    const dailyKey = `sms-fail-day:${phoneHash}`;
    // One check-and-consume at a time per phone: a code logs in once, and wrong tries all count.
    await this.c.atomically(`sms-login:${phoneHash}`, async (tx) => {
      if ((await limiter.used(dailyKey, 86400)) >= config.SMS_LOGIN_FAILS_PER_PHONE_DAILY) {
        throw tooManyRequests('该手机号今天验证码错误次数过多，请明天再试或到服务中心办理', limiter.windowLeft(86400));
      }
      const now = new Date(this.now());
      const latest = await this.models.SmsCode.findOne({ phoneHash, consumedAt: null }).sort({ createdAt: -1 }).lean();
      if (!latest || latest.expiresAt <= now) throw badRequest('验证码已过期或未获取，请重新获取', [{ field: 'code', message: '验证码已过期' }], 'CODE_EXPIRED');
      const failures = latest.failures ?? [];
      const mine = failures.find((f) => f.client === client)?.n ?? 0;
      // Lockout is per phone and client: a stranger's wrong guesses do not lock the owner's code.
      if (mine >= config.SMS_CODE_MAX_ATTEMPTS_PER_CLIENT) throw badRequest('验证码错误次数过多，请重新获取', [{ field: 'code', message: '错误次数过多' }], 'CODE_LOCKED');
      if (!safeEqual(latest.codeHash, sha256(`${phoneHash}:${code}`))) {
        const next = [...failures.filter((f) => f.client !== client), { client, n: mine + 1 }];
        await tx.write(this.models.SmsCode, latest._id, latest.rev, { $set: { failures: next }, $inc: { attempts: 1 } });
        await limiter.hit(tx, dailyKey, 86400);
        throw badRequest('验证码不正确', [{ field: 'code', message: '验证码不正确' }], 'CODE_INVALID');
      }
      await tx.write(this.models.SmsCode, latest._id, latest.rev, { $set: { consumedAt: now } });
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

  // ---- Tokens and sessions -----------------------------------------------------------------

  /**
   * Rotates a refresh token. Everything about one login runs under one key, `auth-session:<family>`,
   * so a refresh, a replayed token and a logout of the same login are serialized:
   * - the token just rotated, presented again within REFRESH_GRACE_SECONDS (its answer was lost on a
   *   weak network), gets the same new pair again;
   * - any other spent token is reuse: the whole login is revoked;
   * - the login ends REFRESH_TOKEN_ABSOLUTE_DAYS after it began, however often it was refreshed.
   */
  async refresh(refreshToken: string): Promise<AuthSession> {
    const tokenHash = sha256(refreshToken);
    const found = await this.models.RefreshToken.findOne({ tokenHash }, { familyId: 1 }).lean();
    if (!found) throw unauthorized('登录已过期，请重新登录', 'REFRESH_INVALID');
    const { config, pii } = this.deps;
    type Outcome = { error: AppError } | { replay: { accessToken: string; refreshToken: string; expiresIn: number; userId: unknown } } | { session: AuthSession };
    const result = await this.c.atomically(`auth-session:${found.familyId}`, async (tx): Promise<Outcome> => {
      const now = this.now();
      const token = (await this.models.RefreshToken.findOne({ tokenHash }).lean())!;
      const session = await this.sessionOf(token);
      if (session.revokedAt) return { error: unauthorized('登录已失效，请重新登录', 'REFRESH_REVOKED') };
      if (now >= session.loginAt.getTime() + config.REFRESH_TOKEN_ABSOLUTE_DAYS * 86400_000) {
        await this.revokeSession(tx, session, 'expired');
        return { error: unauthorized('登录已过期，请重新登录', 'REFRESH_EXPIRED') };
      }
      if (token.usedAt) {
        const last = session.lastRotation;
        if (last && last.fromHash === tokenHash && last.at && now - last.at.getTime() <= config.REFRESH_GRACE_SECONDS * 1000) {
          return { replay: { accessToken: pii.decrypt(last.accessEnc!), refreshToken: pii.decrypt(last.refreshEnc!), expiresIn: last.expiresIn!, userId: token.userId } };
        }
        // A spent token came back: someone holds a copy. End every session of that login.
        await this.revokeSession(tx, session, 'reuse');
        return { error: unauthorized('登录状态异常，请重新登录', 'REFRESH_REUSED') };
      }
      if (token.revokedAt || token.expiresAt.getTime() <= now) return { error: unauthorized('登录已过期，请重新登录', 'REFRESH_INVALID') };
      const user = await this.models.User.findById(token.userId).lean();
      if (!user || user.disabledAt) return { error: unauthorized('账号不可用，请联系服务中心', 'USER_DISABLED') };
      const pair = this.newPair(user, session._id);
      // The fenced step of the login first: if it loses, nothing else is written.
      await tx.write(this.models.Session, session._id, session.rev, {
        $set: { lastRotation: { fromHash: tokenHash, at: new Date(now), accessEnc: pii.encrypt(pair.accessToken), refreshEnc: pii.encrypt(pair.refreshToken), expiresIn: pair.expiresIn } },
      });
      await this.models.RefreshToken.updateOne({ _id: token._id }, { $set: { usedAt: new Date(now) } });
      await this.storeRefresh(pair.refreshToken, user._id, session._id);
      return { session: pair };
    });
    if ('error' in result) throw result.error;
    if ('replay' in result) {
      const user = await this.models.User.findById(result.replay.userId).lean();
      if (!user || user.disabledAt) throw unauthorized('账号不可用，请联系服务中心', 'USER_DISABLED');
      return { accessToken: result.replay.accessToken, expiresIn: result.replay.expiresIn, refreshToken: result.replay.refreshToken, user: this.view(user) };
    }
    return result.session;
  }

  /** Ends the login the refresh token belongs to; its access tokens stop working within SESSION_CHECK_SECONDS. */
  async logout(refreshToken: string): Promise<void> {
    const known = await this.models.RefreshToken.findOne({ tokenHash: sha256(refreshToken) }).lean();
    if (!known) return;
    await this.c.atomically(`auth-session:${known.familyId}`, async (tx) => {
      const session = await this.sessionOf(known);
      if (!session.revokedAt) await this.revokeSession(tx, session, 'logout');
    });
  }

  /** Disables an account: every login of it ends, on this instance at once, on others within SESSION_CHECK_SECONDS. */
  async disableUser(userId: string): Promise<void> {
    await this.c.atomically(`user:${userId}`, async (tx) => {
      const user = await this.models.User.findById(userId).lean();
      if (!user) throw notFound('账号不存在');
      if (!user.disabledAt) await tx.write(this.models.User, user._id, user.rev, { $set: { disabledAt: new Date(this.now()) } });
      tx.after(() => this.sessionsChanged(userId));
    });
    // Refresh checks disabledAt as well; revoking the families keeps the stored state honest.
    const at = new Date(this.now());
    await this.models.Session.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: at, revokedReason: 'disabled' } });
    await this.models.RefreshToken.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: at, revokedReason: 'disabled' } });
  }

  /** For the router's session check (cached a few seconds by SessionGate): is this login still on? */
  async sessionActive(userId: string, sessionId: string | undefined): Promise<boolean> {
    if (!Types.ObjectId.isValid(userId)) return false;
    const [user, session] = await Promise.all([
      this.models.User.findById(userId, { disabledAt: 1 }).lean(),
      sessionId ? this.models.Session.findById(sessionId, { userId: 1, revokedAt: 1, loginAt: 1 }).lean() : Promise.resolve(null),
    ]);
    if (!user || user.disabledAt) return false;
    if (!sessionId) return true; // tokens from before sessions were tracked; they expire within ACCESS_TOKEN_TTL_SECONDS
    if (!session || session.revokedAt || String(session.userId) !== userId) return false;
    return this.now() < session.loginAt.getTime() + this.deps.config.REFRESH_TOKEN_ABSOLUTE_DAYS * 86400_000;
  }

  /** Called with a user id whenever logins of that user end (the app forgets its cached session checks). */
  onSessionsChanged(listener: (userId: string) => void): void {
    this.listeners.push(listener);
  }

  async me(auth: AuthUser): Promise<UserView> {
    const user = await this.models.User.findById(auth.id).lean();
    if (!user || user.disabledAt) throw unauthorized('账号不可用，请重新登录', 'USER_DISABLED');
    return this.view(user);
  }

  /** 找活 ⇄ 招工: a person adds the employer role by switching to it. Staff accounts do not switch. */
  async switchRole(auth: AuthUser, role: 'worker' | 'employer'): Promise<AuthSession> {
    const user = await this.c.atomically(`user:${auth.id}`, async (tx) => {
      const current = await this.models.User.findById(auth.id).lean();
      if (!current || current.disabledAt) throw unauthorized('账号不可用，请重新登录', 'USER_DISABLED');
      if (current.roles.includes('staff')) throw forbidden('经办人员账号不能切换为求职者或用人单位身份');
      await tx.write(this.models.User, current._id, current.rev, { $set: { activeRole: role }, $addToSet: { roles: role } });
      return { ...current, activeRole: role, roles: current.roles.includes(role) ? current.roles : [...current.roles, role] };
    });
    // The new pair belongs to the same login (same session, same absolute lifetime); tokens issued
    // before the switch stay valid until they expire, as a refresh would have made them.
    if (auth.sessionId) {
      const session = await this.models.Session.findById(auth.sessionId).lean();
      if (!session || session.revokedAt || String(session.userId) !== auth.id) throw unauthorized('登录已失效，请重新登录', 'SESSION_ENDED');
      return this.issueSession(user, session._id);
    }
    return this.issueSession(user);
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

  private async issueSession(user: UserLike, familyId?: string, loginAt?: Date): Promise<AuthSession> {
    const sessionId = familyId ?? crypto.randomUUID();
    if (!familyId) await this.models.Session.create({ _id: sessionId, userId: user._id, loginAt: loginAt ?? new Date(this.now()) });
    const pair = this.newPair(user, sessionId);
    await this.storeRefresh(pair.refreshToken, user._id, sessionId);
    return pair;
  }

  private newPair(user: UserLike, sessionId: string): AuthSession {
    const view = this.view(user);
    const { token, expiresIn } = this.deps.signer.signAccess({ id: view.id, roles: view.roles, activeRole: view.activeRole, sessionId });
    return { accessToken: token, expiresIn, refreshToken: crypto.randomBytes(32).toString('base64url'), user: view };
  }

  private async storeRefresh(refreshToken: string, userId: unknown, familyId: string): Promise<void> {
    await this.models.RefreshToken.create({
      tokenHash: sha256(refreshToken),
      userId,
      familyId,
      expiresAt: new Date(this.now() + this.deps.config.REFRESH_TOKEN_TTL_DAYS * 86400_000),
    });
  }

  /** The session document of a token's family; families from before sessions were stored get one (login = first token). */
  private async sessionOf(token: { familyId: string; userId: unknown }) {
    const existing = await this.models.Session.findById(token.familyId).lean();
    if (existing) return existing;
    const first = await this.models.RefreshToken.findOne({ familyId: token.familyId }).sort({ createdAt: 1 }).lean();
    const revoked = await this.models.RefreshToken.findOne({ familyId: token.familyId, revokedAt: { $ne: null } }).lean();
    try {
      await this.models.Session.create({
        _id: token.familyId, userId: token.userId, loginAt: (first as { createdAt?: Date } | null)?.createdAt ?? new Date(this.now()),
        ...(revoked ? { revokedAt: revoked.revokedAt, revokedReason: revoked.revokedReason } : {}),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    return (await this.models.Session.findById(token.familyId).lean())!;
  }

  private async revokeSession(tx: Tx, session: { _id: string; userId: unknown; rev?: number | null }, reason: string): Promise<void> {
    const at = new Date(this.now());
    await tx.write(this.models.Session, session._id, session.rev, { $set: { revokedAt: at, revokedReason: reason } });
    await this.models.RefreshToken.updateMany({ familyId: session._id, revokedAt: null }, { $set: { revokedAt: at, revokedReason: reason } });
    const userId = String(session.userId);
    tx.after(() => this.sessionsChanged(userId));
  }

  private sessionsChanged(userId: string): void {
    for (const l of this.listeners) l(userId);
  }
}
