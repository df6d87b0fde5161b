import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { fieldIssues } from '@doorstep/shared';
import { AppError } from './errors';
import type { AppState } from './api';
import { isDuplicateKey } from '../db/errors';

const DB_UNAVAILABLE = new Set(['MongoServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoNotConnectedError', 'MongoTopologyClosedError', 'MongooseServerSelectionError', 'MongoPoolClearedError']);

/** Turns anything thrown into `{ error: { code, message, details } }` with the right status; never leaks stacks. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    const details = fieldIssues(err);
    const first = details[0];
    const message = first ? `${first.field ? `${first.field}：` : ''}${first.message}` : '请求内容不正确';
    return new AppError(400, 'VALIDATION_FAILED', message, details);
  }
  const e = err as { name?: string; status?: number; statusCode?: number; type?: string; code?: number; expose?: boolean };
  if (e?.name && DB_UNAVAILABLE.has(e.name)) return new AppError(503, 'DB_UNAVAILABLE', '数据服务暂时不可用，请稍后重试');
  if (e?.name === 'MongooseError' && /buffering timed out|initial connection/.test((err as Error).message)) return new AppError(503, 'DB_UNAVAILABLE', '数据服务暂时不可用，请稍后重试');
  if (e?.name === 'MongoServerError' && isDuplicateKey(err)) return new AppError(409, 'DUPLICATE', '记录已存在，请勿重复提交');
  const status = e?.status ?? e?.statusCode;
  if (status === 413 || e?.type === 'entity.too.large') return new AppError(413, 'PAYLOAD_TOO_LARGE', '提交的内容太大');
  if (e?.type === 'entity.parse.failed' || (status === 400 && (e?.name === 'SyntaxError' || e?.expose))) return new AppError(400, 'BAD_JSON', '请求内容不是有效的 JSON');
  if (status === 415 || e?.type === 'encoding.unsupported') return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '只接受 JSON 格式的请求');
  if (status && status >= 400 && status < 500 && e?.expose) return new AppError(status, 'BAD_REQUEST', '请求不正确');
  return new AppError(500, 'INTERNAL', '服务器开小差了，请稍后重试');
}

export function errorHandler(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api')) {
        throw new AppError(404, 'NOT_FOUND', '接口不存在');
      }
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.status >= 500) logger.error({ requestId: ctx.state.requestId, err }, 'request failed');
      ctx.status = appErr.status;
      if (appErr.headers) ctx.set(appErr.headers);
      ctx.body = { error: { code: appErr.code, message: appErr.message, ...(appErr.details !== undefined ? { details: appErr.details } : {}) } };
    }
  };
}
