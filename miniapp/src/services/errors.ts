// Pure (no @tarojs/taro import): maps HTTP outcomes to the Chinese message shown to the user.
// The BFF always answers errors as { "error": { "code", "message", "details" } }.

export const NETWORK_MESSAGE = '网络不给力，请稍后重试'
export const SERVER_MESSAGE = '服务暂时不可用，请稍后重试'
export const SESSION_EXPIRED_MESSAGE = '登录已过期，请重新登录'

export class ApiError extends Error {
  /** Machine code from the server ('RATE_LIMITED', 'VALIDATION_FAILED', ...) or a client code. */
  readonly code: string
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number
  readonly details?: unknown

  constructor(code: string, message: string, status: number, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    this.details = details
  }
}

const FALLBACK_BY_STATUS: Record<number, string> = {
  400: '填写的内容有误，请检查后再试',
  401: '请先登录',
  403: '没有权限进行这个操作',
  404: '要找的内容不存在',
  409: '操作冲突，请刷新后再试',
  413: '提交的内容太大了',
  429: '操作太频繁，请稍后再试',
}

interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown }
}

function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (!body || typeof body !== 'object') return false
  const e = (body as { error?: unknown }).error
  return (
    !!e &&
    typeof e === 'object' &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string' &&
    (e as { message: string }).message.trim().length > 0
  )
}

/** Build the error for a non-2xx HTTP answer. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const envelope = isErrorEnvelope(body) ? body.error : undefined
  if (status >= 500) {
    // Never show server internals to the user; keep the code for logs.
    return new ApiError(envelope?.code ?? 'SERVER_ERROR', SERVER_MESSAGE, status, envelope?.details)
  }
  if (envelope) {
    return new ApiError(envelope.code, envelope.message, status, envelope.details)
  }
  return new ApiError(`HTTP_${status}`, FALLBACK_BY_STATUS[status] ?? '请求没有成功，请稍后重试', status)
}

/** Build the error for a request that got no HTTP answer (offline, DNS, timeout, aborted). */
export function errorFromNetwork(cause?: unknown): ApiError {
  return new ApiError('NETWORK_ERROR', NETWORK_MESSAGE, 0, cause instanceof Error ? cause.message : cause)
}

export function sessionExpiredError(): ApiError {
  return new ApiError('SESSION_EXPIRED', SESSION_EXPIRED_MESSAGE, 401)
}

/** Message to show for anything thrown by the API layer (or by our own code). */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message
  return '出了点问题，请稍后重试'
}
