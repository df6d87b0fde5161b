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

export function createTokenSigner(secret: string, ttlSeconds: number): TokenSigner {
  return {
    signAccess(user) {
      const token = jwt.sign({ roles: user.roles, role: user.activeRole, typ: 'access' }, secret, {
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
      return { id: payload.sub, roles, activeRole: role };
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
