// API contract types come from the shared workspace package. Type-only imports: nothing (zod) is bundled.
export type { AuthSession, UserView, SmsSendResult, MeResult, Role, ErrorBody } from '@doorstep/shared'

export type SwitchableRole = 'worker' | 'employer'

export interface OkResult {
  ok: true
}

/** `session` is set when the phone already had an account: the WeChat moved to it and this is its login. */
export interface PhoneBindResult {
  user: import('@doorstep/shared').UserView
  session?: import('@doorstep/shared').AuthSession
}
