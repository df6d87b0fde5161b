/** Small JSON-over-HTTP helper with a timeout, for outside services (WeChat, SMS gateway). */
export class UpstreamError extends Error {
  constructor(public readonly service: string, message: string, public override readonly cause?: unknown) {
    super(`${service}: ${message}`);
    this.name = 'UpstreamError';
  }
}

export async function fetchJson<T>(service: string, url: string, init: RequestInit & { timeoutMs: number }): Promise<T> {
  const { timeoutMs, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new UpstreamError(service, (err as Error).name === 'TimeoutError' ? 'timed out' : 'unreachable', err);
  }
  const text = await res.text();
  if (!res.ok) throw new UpstreamError(service, `HTTP ${res.status}`);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UpstreamError(service, 'answered with something that is not JSON');
  }
}
