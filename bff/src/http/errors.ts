/** Errors carry their HTTP status and a Chinese message meant for the person using the app. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown, code = 'BAD_REQUEST') => new AppError(400, code, message, details);
export const unauthorized = (message = '请先登录', code = 'UNAUTHORIZED') => new AppError(401, code, message);
export const forbidden = (message = '没有权限进行此操作', code = 'FORBIDDEN') => new AppError(403, code, message);
export const notFound = (message = '找不到请求的内容', code = 'NOT_FOUND') => new AppError(404, code, message);
export const conflict = (message: string, code = 'CONFLICT', details?: unknown) => new AppError(409, code, message, details);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'RATE_LIMITED', message, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
export const serviceUnavailable = (message = '服务暂时不可用，请稍后重试', code = 'SERVICE_UNAVAILABLE') => new AppError(503, code, message);
