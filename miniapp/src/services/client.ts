// Pure HTTP client core (no @tarojs/taro import): token attachment, 401 → single-flight refresh → retry,
// error mapping. api.ts plugs in Taro.request as the transport and Taro storage as the token storage.
import type { AuthSession } from './types'
import { ApiError, errorFromNetwork, errorFromResponse, sessionExpiredError } from './errors'
import { singleFlight } from './singleFlight'
import type { TokenStore, Tokens } from './tokens'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface HttpRequest {
  url: string
  method: HttpMethod
  data?: unknown
  header: Record<string, string>
}

export interface HttpResponse {
  status: number
  data: unknown
}

/** Resolves with any HTTP answer (including 4xx/5xx); rejects only when there was no answer. */
export type Transport = (req: HttpRequest) => Promise<HttpResponse>

export interface RequestOptions {
  /** Attach the access token (default true). Requests sent without a token never trigger a refresh. */
  auth?: boolean
  /**
   * Not started by the person (app launch, page-show refresh): an ended session then only clears the
   * tokens and never sends them to the login page (onLoginNeeded is not called).
   */
  background?: boolean
}

export interface ClientOptions {
  baseUrl: string
  transport: Transport
  tokens: TokenStore
  /** Called after a successful refresh (tokens are already stored). */
  onSessionRefreshed?: (session: AuthSession) => void
  /** Called once when the session is gone for good (refresh rejected / no refresh token). Tokens are already cleared. */
  onSessionExpired?: () => void
  /** Called when a request the person started (not `background`) found the session gone: show the login page. */
  onLoginNeeded?: () => void
}

export const REFRESH_PATH = '/api/auth/refresh'

export interface ApiClient {
  request<T>(method: HttpMethod, path: string, body?: unknown, options?: RequestOptions): Promise<T>
  get<T>(path: string, options?: RequestOptions): Promise<T>
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>
  /** Exposed for tests / manual use: refresh once, shared by concurrent callers. Resolves true when refreshed. */
  refresh(): Promise<boolean>
}

function isSession(data: unknown): data is AuthSession {
  const d = data as Partial<AuthSession> | null
  return !!d && typeof d.accessToken === 'string' && typeof d.refreshToken === 'string'
}

export function createApiClient(opts: ClientOptions): ApiClient {
  const { baseUrl, transport, tokens } = opts

  const send = async (method: HttpMethod, path: string, body: unknown, token: string | null): Promise<HttpResponse> => {
    const header: Record<string, string> = { Accept: 'application/json' }
    if (body !== undefined) header['Content-Type'] = 'application/json'
    if (token) header.Authorization = `Bearer ${token}`
    try {
      return await transport({ url: baseUrl + path, method, data: body, header })
    } catch (err) {
      throw errorFromNetwork(err)
    }
  }

  const expire = () => {
    tokens.clear()
    opts.onSessionExpired?.()
  }

  const refresh = singleFlight(async (): Promise<boolean> => {
    const current = tokens.get()
    if (!current) {
      expire()
      return false
    }
    // Network failure / 5xx: keep the session (the user is probably just offline) and surface the error.
    const res = await send('POST', REFRESH_PATH, { refreshToken: current.refreshToken }, null)
    if (res.status >= 200 && res.status < 300 && isSession(res.data)) {
      // Refresh tokens rotate: always store the new pair.
      tokens.set({ accessToken: res.data.accessToken, refreshToken: res.data.refreshToken })
      opts.onSessionRefreshed?.(res.data)
      return true
    }
    if (res.status >= 500) throw errorFromResponse(res.status, res.data)
    expire()
    return false
  })

  const unwrap = <T>(res: HttpResponse): T => {
    if (res.status >= 200 && res.status < 300) return res.data as T
    throw errorFromResponse(res.status, res.data)
  }

  const request = async <T>(method: HttpMethod, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> => {
    const useAuth = options.auth !== false
    const used: Tokens | null = useAuth ? tokens.get() : null
    const res = await send(method, path, body, used?.accessToken ?? null)
    if (res.status !== 401 || !used) return unwrap<T>(res)

    const ended = () => {
      if (!options.background) opts.onLoginNeeded?.()
      return sessionExpiredError()
    }
    // 401 with a token: maybe another request already rotated the tokens meanwhile.
    const now = tokens.get()
    if (!now) throw ended()
    if (now.accessToken === used.accessToken) {
      const ok = await refresh()
      if (!ok) throw ended()
    }
    const retryToken = tokens.get()?.accessToken
    if (!retryToken) throw ended()
    // Retry exactly once; a second 401 is reported as is.
    return unwrap<T>(await send(method, path, body, retryToken))
  }

  return {
    request,
    get: (path, options) => request('GET', path, undefined, options),
    post: (path, body, options) => request('POST', path, body ?? {}, options),
    put: (path, body, options) => request('PUT', path, body ?? {}, options),
    refresh,
  }
}

export { ApiError }
