import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ROLES, type Role } from '@doorstep/shared';
import type { Access, AuthUser } from './api';
import { forbidden, unauthorized } from './errors';

const ISSUER = 'doorstep-jobs';
const AUDIENCE = 'doorstep-app';

export interface TokenSigner {
  signAccess(user: AuthUser): { token: string; expiresIn: number };
  verifyAccess(token: string): AuthUser;
}

export function createTokenSigner(secretText: string, ttlSeconds: number): TokenSigner {
  // One KeyObject for the process: given a string, jsonwebtoken first tries it as a public key on every
  // verify (createPublicKey throws, with a stack trace) before making a secret key of it.
  const secret = createSecretKey(Buffer.from(secretText));
  return {
    signAccess(user) {
      const token = jwt.sign({ roles: user.roles, role: user.activeRole, typ: 'access', ...(user.sessionId ? { sid: user.sessionId } : {}) }, secret, {
        algorithm: 'HS256', expiresIn: ttlSeconds, issuer: ISSUER, audience: AUDIENCE, subject: user.id,
      });
      return { token, expiresIn: ttlSeconds };
    },
    verifyAccess(token) {
      let payload: jwt.JwtPayload;
      try {
        payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as jwt.JwtPayload;
      } catch (err) {
        if (err instanceof jwt.TokenExpiredError) throw unauthorized('登录已过期，请重新登录', 'TOKEN_EXPIRED');
        throw unauthorized('登录凭证无效，请重新登录', 'TOKEN_INVALID');
      }
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) : [];
      const role = payload.role as Role;
      if (payload.typ !== 'access' || typeof payload.sub !== 'string' || !roles.includes(role)) throw unauthorized('登录凭证无效，请重新登录', 'TOKEN_INVALID');
      return { id: payload.sub, roles, activeRole: role, ...(typeof payload.sid === 'string' ? { sessionId: payload.sid } : {}) };
    },
  };
}

/**
 * Resolves the caller from the Authorization header. Public routes ignore a bad or stale token
 * (so refresh and login still work); every other route answers 401 for it.
 */
export function resolveUser(signer: TokenSigner, header: string, access: Access): AuthUser | undefined {
  if (!header) return undefined;
  const m = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
  try {
    if (!m) throw unauthorized('登录凭证格式不正确', 'TOKEN_INVALID');
    return signer.verifyAccess(m[1]!);
  } catch (err) {
    if (access === 'public') return undefined;
    throw err;
  }
}

/**
 * Whether the session behind an access token is still on (not logged out, user not disabled),
 * remembered per session for a few seconds so authenticated requests pay at most one lookup per
 * session per `ttlMs` on each instance. Changes made on this instance are forgotten at once (`forget`).
 */
export class SessionGate {
  private readonly cache = new Map<string, { ok: boolean; until: number }>();
  private readonly inflight = new Map<string, Promise<boolean>>();
  /** Bumped by `forget`, so a lookup that started before a logout is not remembered after it. */
  private generation = 0;

  constructor(
    private readonly lookup: (userId: string, sessionId: string | undefined) => Promise<boolean>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user when the session is on; otherwise 401 (or anonymous on public routes, like a stale token). */
  async check(user: AuthUser, access: Access): Promise<AuthUser | undefined> {
    if (await this.isActive(user.id, user.sessionId)) return user;
    if (access === 'public') return undefined;
    throw unauthorized('登录已失效，请重新登录', 'SESSION_ENDED');
  }

  async isActive(userId: string, sessionId: string | undefined): Promise<boolean> {
    const key = `${userId}|${sessionId ?? ''}`;
    const hit = this.cache.get(key);
    const now = this.now();
    if (hit && hit.until > now) return hit.ok;
    const generation = this.generation;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.lookup(userId, sessionId).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    const ok = await pending;
    if (this.ttlMs > 0 && generation === this.generation) {
      if (this.cache.size >= 50_000) this.prune(now);
      this.cache.set(key, { ok, until: now + this.ttlMs });
    }
    return ok;
  }

  /** Drops what this instance remembers of a user's sessions (after logout or disabling). */
  forget(userId: string): void {
    this.generation += 1;
    for (const key of this.inflight.keys()) if (key.startsWith(`${userId}|`)) this.inflight.delete(key);
    for (const key of this.cache.keys()) if (key.startsWith(`${userId}|`)) this.cache.delete(key);
  }

  private prune(now: number): void {
    for (const [key, v] of this.cache) if (v.until <= now) this.cache.delete(key);
    if (this.cache.size >= 50_000) this.cache.clear();
  }
}

export function checkAccess(access: Access, user: AuthUser | undefined): void {
  if (access === 'public') return;
  if (!user) throw unauthorized();
  if (access === 'authenticated') return;
  if (!access.includes(user.activeRole)) {
    throw forbidden(`此操作需要以「${access.map(roleLabel).join('或')}」身份进行`);
  }
}

export function roleLabel(role: Role): string {
  return { worker: '求职者', employer: '用人单位', staff: '经办人员' }[role];
}
