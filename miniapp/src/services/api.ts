// Typed API client over Taro.request. Pure logic lives in client.ts / errors.ts / tokens.ts (unit-tested).
import Taro from '@tarojs/taro'
import { createApiClient, type HttpResponse, type Transport } from './client'
import { ApiError, messageOf } from './errors'
import type { AuthSession, MeResult, OkResult, PhoneBindResult, SmsSendResult, SwitchableRole } from './types'
import { applySession, clearSession, setUser, tokenStore } from '../store/session'
import { detailsOf, fieldErrorsOf, type FieldDetail } from './field-errors'

export { ApiError, messageOf }

const LOGIN_PAGE = '/packages/account/pages/login/index'

const transport: Transport = (req) =>
  Taro.request({
    url: req.url,
    method: req.method,
    data: req.data as TaroGeneral.IAnyObject | undefined,
    header: req.header,
    dataType: 'json',
    timeout: 15000,
  }).then((res): HttpResponse => ({ status: res.statusCode, data: res.data }))

let redirecting = false
function goToLogin() {
  const pages = Taro.getCurrentPages()
  const current = pages[pages.length - 1] as { route?: string; path?: string } | undefined
  const where = current?.route ?? current?.path ?? ''
  if (redirecting || where.includes('pages/login/index')) return
  redirecting = true
  Taro.navigateTo({ url: LOGIN_PAGE }).finally(() => {
    redirecting = false
  })
}

export const client = createApiClient({
  baseUrl: API_BASE,
  transport,
  tokens: tokenStore,
  onSessionRefreshed: (session) => setUser(session.user),
  onSessionExpired: () => clearSession(),
  // Only calls the person started lead to the login page; background refreshes just end the session.
  onLoginNeeded: () => goToLogin(),
})

export interface CallOptions {
  /** Do not show a toast on failure (the caller shows the error itself or it is a background call). */
  silent?: boolean
  /** Not started by the person (launch, page show): an ended session never opens the login page. */
  background?: boolean
}

/** The per-field details of a failed call (a 400's `details`). */
export const fieldDetails = (err: unknown): FieldDetail[] => (err instanceof ApiError ? detailsOf(err.details) : [])

/** Field errors of a failed call, first message per form key (see fieldErrorsOf). */
export const fieldErrors = (err: unknown, keyOf?: (field: string) => string | null): Record<string, string> => (err instanceof ApiError ? fieldErrorsOf(err.details, keyOf) : {})

export function showError(err: unknown): void {
  Taro.showToast({ title: messageOf(err), icon: 'none', duration: 2500 })
}

/** Runs an API call; a failure shows its message as a toast (unless `silent`) and is thrown on. */
export async function call<T>(run: () => Promise<T>, opts: CallOptions = {}): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (!opts.silent) showError(err)
    throw err
  }
}

export const authApi = {
  sendSmsCode: (phone: string, opts?: CallOptions) =>
    call(() => client.post<SmsSendResult>('/api/auth/sms/send', { phone }, { auth: false }), opts),

  async smsLogin(phone: string, code: string, opts?: CallOptions): Promise<AuthSession> {
    const session = await call(() => client.post<AuthSession>('/api/auth/sms/login', { phone, code }, { auth: false }), opts)
    applySession(session)
    return session
  },

  async wechatLogin(code: string, opts?: CallOptions): Promise<AuthSession> {
    const session = await call(() => client.post<AuthSession>('/api/auth/wechat/login', { code }, { auth: false }), opts)
    applySession(session)
    return session
  },

  async bindWechatPhone(code: string, opts?: CallOptions): Promise<PhoneBindResult> {
    const res = await call(() => client.post<PhoneBindResult>('/api/auth/wechat/phone', { code }), opts)
    // The phone's existing account (SMS, staff): from now on this WeChat logs into it.
    if (res.session) applySession(res.session)
    else setUser(res.user)
    return res
  },

  /** Best effort on the server; always clears the local session. */
  async logout(): Promise<void> {
    const tokens = tokenStore.get()
    try {
      if (tokens) await client.post<OkResult>('/api/auth/logout', { refreshToken: tokens.refreshToken }, { auth: false })
    } catch {
      // offline or already invalid: logging out locally is what matters
    } finally {
      clearSession()
    }
  },
}

export const meApi = {
  async get(opts?: CallOptions): Promise<MeResult> {
    const res = await call(() => client.get<MeResult>('/api/me', { background: opts?.background }), opts)
    setUser(res.user)
    return res
  },

  /** Switches the active role; the server answers with new tokens carrying that role. */
  async switchRole(role: SwitchableRole, opts?: CallOptions): Promise<AuthSession> {
    const session = await call(() => client.post<AuthSession>('/api/me/role', { role }), opts)
    applySession(session)
    return session
  },
}
