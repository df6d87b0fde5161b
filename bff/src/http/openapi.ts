import { OpenAPIRegistry, OpenApiGeneratorV3, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorBodySchema } from '@doorstep/shared';
import { BODY_METHODS, type RouteDef } from './api';

extendZodWithOpenApi(z);

const errorText: Record<number, string> = {
  400: '请求内容不正确（字段校验失败、JSON 无效）', 401: '未登录或登录已失效', 403: '当前身份无权访问', 404: '找不到',
  409: '冲突（重复提交等）', 413: '请求体过大', 415: '只接受 JSON 格式的请求', 429: '请求太频繁', 502: '外部服务出错', 503: '数据库或外部服务暂不可用',
};

/** OpenAPI 3 document generated from the same route definitions and zod schemas the router validates with. */
export function buildOpenApi(routes: RouteDef[]): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const def of routes) {
    const statuses = new Set<number>([400, 500, ...(def.errors ?? [])]);
    // Every signed-in route can refuse the caller (a disabled account, a role that may not do this): 401 and 403.
    if (def.access !== 'public') { statuses.add(401); statuses.add(403); }
    // A per-client limit answers 429 with Retry-After; a staff record outside the actor's scope answers 404.
    if (def.rateLimit) statuses.add(429);
    if (typeof def.staffRecord === 'function') statuses.add(404);
    // Any request with a body passes the JSON-only gate (415) and the body-size limit (413) before the route.
    if (BODY_METHODS.includes(def.method)) { statuses.add(413); statuses.add(415); }
    const responses: Parameters<OpenAPIRegistry['registerPath']>[0]['responses'] = {
      [String(def.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: def.response } } },
    };
    for (const s of [...statuses].sort()) responses[String(s)] = { description: errorText[s] ?? '错误', content: { 'application/json': { schema: errorBodySchema } } };
    registry.registerPath({
      method: def.method,
      path: def.path.replace(/:(\w+)/g, '{$1}'),
      summary: def.summary,
      tags: def.tags,
      description: `访问规则: ${def.access === 'public' ? '公开' : def.access === 'authenticated' ? '已登录用户' : `角色 ${(def.access as readonly string[]).join(' / ')}`}`,
      ...(def.access !== 'public' ? { security: [{ bearer: [] }] } : {}),
      // Machine-readable access rule (the fuzz script picks each role's operations by it).
      'x-access': typeof def.access === 'string' ? def.access : [...def.access],
      ...(def.staffScope ? { 'x-staff-scope': def.staffScope } : {}),
      request: {
        ...(def.params ? { params: def.params } : {}),
        ...(def.query ? { query: def.query } : {}),
        ...(def.body ? { body: { content: { 'application/json': { schema: def.body } } } } : {}),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: { title: 'Doorstep Jobs BFF (家门口就业)', version: '0.1.0', description: '公共就业服务小程序后端接口' },
    servers: [{ url: '/' }],
  });
}
