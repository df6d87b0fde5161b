import crypto from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { centerByName, maskPhone, type AuthSession, type Role, type UserView } from '@doorstep/shared';
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
import type { AuditRecord } from '../audit/service';

export interface AuthDeps {
  conn: Connection;
  config: Config;
  pii: Pii;
  signer: TokenSigner;
  limiter: RateLimiter;
  sms: SmsProvider;
  wechat: WechatClient;
  /** Staff accounts gaining a WeChat login are written to the audit log. */
  audit?: { record(e: AuditRecord): Promise<void> };
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

  /**
   * Binds the phone getPhoneNumber verified to the signed-in WeChat account. If that phone already has
   * an account (made by SMS login, by `staff:create`, …), the WeChat identity moves there instead, so
   * every account can log in on weapp, and the answer carries a login of that account:
   * - only onto an account with no WeChat bound yet (another WeChat's account stays that WeChat's: 409);
   * - never onto a disabled account (403);
   * - only from an account that is WeChat-only (no phone of its own): it is then disabled with
   *   `mergedInto` set, and its logins end;
   * - staff accounts too (their WeChat binding is written to the audit log).
   */
  async bindWechatPhone(userId: string, code: string): Promise<{ user: UserView; session?: AuthSession }> {
    const { purePhoneNumber, countryCode } = await this.deps.wechat.getPhoneNumber(code);
    if (countryCode !== '86' || !/^1[3-9]\d{9}$/.test(purePhoneNumber)) throw badRequest('目前只支持中国大陆手机号', undefined, 'PHONE_UNSUPPORTED');
    const { pii } = this.deps;
    const phoneHash = pii.blindIndex('phone', purePhoneNumber);
    const owner = await this.models.User.findOne({ phoneHash }, { _id: 1 }).lean();
    if (owner && String(owner._id) !== userId) return this.moveWechatTo(userId, String(owner._id), phoneHash);
    const user = await this.c.atomically(`user:${userId}`, async (tx) => {
      const me = await this.models.User.findById(userId).lean();
      if (!me || me.disabledAt) throw this.unusable(me);
      if (me.phoneHash === phoneHash) return me;
      // Checked under the lease too: an SMS login may have made the phone's account meanwhile.
      if (await this.models.User.exists({ phoneHash, _id: { $ne: me._id } })) throw conflict('这个手机号刚刚注册了账号，请重新点一次“绑定手机号”', 'PHONE_TAKEN');
      const phoneEnc = pii.encrypt(purePhoneNumber);
      try {
        await tx.write(this.models.User, me._id, me.rev, { $set: { phoneHash, phoneEnc } });
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('这个手机号刚刚注册了账号，请重新点一次“绑定手机号”', 'PHONE_TAKEN');
        throw err;
      }
      return { ...me, phoneHash, phoneEnc };
    });
    return { user: this.view(user) };
  }

  /** The account behind a token cannot act: gone, disabled, or its WeChat moved to another account. */
  private unusable(user: { disabledAt?: Date | null; mergedInto?: unknown } | null): AppError {
    if (user?.mergedInto) return conflict('这个微信已经绑定到手机号对应的账号，请重新用微信登录', 'ACCOUNT_MERGED');
    return unauthorized('账号不可用，请重新登录', 'USER_DISABLED');
  }

  /** See bindWechatPhone: moves the WeChat identity of `fromId` to the phone's account `toId`, under both accounts' leases. */
  private async moveWechatTo(fromId: string, toId: string, phoneHash: string): Promise<{ user: UserView; session: AuthSession }> {
    const [firstKey, secondKey] = [`user:${fromId}`, `user:${toId}`].sort() as [string, string];
    const moved = await this.c.atomically(firstKey, (t1) => this.c.atomically(secondKey, async (t2) => {
      const txFrom = t1.key === `user:${fromId}` ? t1 : t2;
      const txTo = txFrom === t1 ? t2 : t1;
      const [from, to] = await Promise.all([this.models.User.findById(fromId).lean(), this.models.User.findById(toId).lean()]);
      if (!from || from.disabledAt) throw this.unusable(from);
      if (!to || to.phoneHash !== phoneHash) throw conflict('手机号对应的账号刚刚有变动，请重新点一次“绑定手机号”', 'CONFLICT');
      if (to.disabledAt) throw new AppError(403, 'USER_DISABLED', '这个手机号的账号已停用，请联系服务中心');
      if (!from.wechatOpenid || from.phoneHash) throw conflict('该手机号已绑定其他账号，请用短信验证码登录那个账号', 'PHONE_TAKEN');
      if (to.wechatOpenid) throw conflict('这个手机号的账号已绑定另一个微信，请用那个微信登录，或改用短信验证码登录', 'WECHAT_TAKEN');
      const now = new Date(this.now());
      const identity = { wechatOpenid: from.wechatOpenid, ...(from.wechatUnionid ? { wechatUnionid: from.wechatUnionid } : {}) };
      // The openid is unique: it leaves the WeChat-only account first, then lands on the phone's account.
      await txFrom.write(this.models.User, from._id, from.rev, { $unset: { wechatOpenid: 1, wechatUnionid: 1 }, $set: { disabledAt: now, mergedInto: to._id } });
      try {
        await txTo.write(this.models.User, to._id, to.rev, { $set: identity });
      } catch (err) {
        // Put the identity back: nothing half-written.
        await txFrom.write(this.models.User, from._id, (from.rev ?? 0) + 1, { $set: { ...identity, disabledAt: null }, $unset: { mergedInto: 1 } });
        throw err;
      }
      await this.models.Session.updateMany({ userId: from._id, revokedAt: null }, { $set: { revokedAt: now, revokedReason: 'merged' } });
      await this.models.RefreshToken.updateMany({ userId: from._id, revokedAt: null }, { $set: { revokedAt: now, revokedReason: 'merged' } });
      txFrom.after(() => this.sessionsChanged(fromId));
      if (to.roles.includes('staff')) {
        const center = to.staffScope === 'city' ? 'city' : (to.serviceCenter ? centerByName(to.serviceCenter)?.code ?? null : null);
        txTo.after(() => this.deps.audit?.record({ actorId: toId, actorName: to.displayName ?? null, center, action: 'wechat_bind', subjectType: 'account', subjectId: toId, reason: '经 getPhoneNumber 验证手机号后绑定微信登录' }));
      }
      return { ...to, ...identity };
    }));
    const session = await this.issueSession(moved);
    return { user: session.user, session };
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

  /** The account's phone number, decrypted, for a module that shares it at the person's choice (投递岗位). */
  async phoneOf(userId: string): Promise<string | null> {
    const u = await this.models.User.findById(userId).select({ phoneEnc: 1 }).lean().catch(() => null);
    return u?.phoneEnc ? this.deps.pii.decrypt(u.phoneEnc) : null;
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
