import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import mongoose, { type Connection } from 'mongoose';
import { createApp, type AppDeps, type BuiltApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/http/logger';
import { queryRecorder } from './query-log';

export interface TestApp extends BuiltApp {
  url: string;
  conn: Connection;
  config: Config;
  logs: string[];
  request(method: string, path: string, opts?: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** The body of an answer that must have `status` (200 unless told); any other answer fails the step with its body. */
export async function must(res: Promise<{ status: number; body: any }>, status = 200): Promise<any> {
  const r = await res;
  if (r.status !== status) throw new Error(`step answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A real BFF on an ephemeral port, over a fresh database of the test FerretDB, with logs captured. */
export async function startTestApp(opts: { env?: Record<string, string>; deps?: Partial<AppDeps>; dbUri?: string } = {}): Promise<TestApp> {
  const base = process.env.TEST_MONGODB_BASE;
  if (!base && !opts.dbUri) throw new Error('TEST_MONGODB_BASE is not set: run through jest (global-setup starts the database)');
  const dbUri = opts.dbUri ?? `${base}/t_${crypto.randomBytes(5).toString('hex')}`;
  // Tests move an injected clock by months (a new policy year, an insurance spell); a login lasting a year
  // keeps their tokens valid however slowly the session cache expires on a loaded machine. The tests of
  // the absolute lifetime itself set REFRESH_TOKEN_ABSOLUTE_DAYS.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', REFRESH_TOKEN_ABSOLUTE_DAYS: '365', ...opts.env });
  const conn = await mongoose.createConnection(dbUri, { serverSelectionTimeoutMS: 2000 }).asPromise();
  conn.set('bufferTimeoutMS', 2000);
  if (process.env.QUERY_LOG) conn.set('debug', queryRecorder(process.env.QUERY_LOG));
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { logs.push(chunk.toString()); cb(); } });
  const logger = createLogger('info', sink as never);
  const built = createApp({ config, conn, logger, ...opts.deps });
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
  const server = http.createServer(built.app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    ...built, url, conn, config, logs,
    async request(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined;
      if (o.raw !== undefined) body = o.raw;
      else if (o.body !== undefined) body = JSON.stringify(o.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { /* keep text */ }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    },
  };
}

/** Signs in by SMS through the development outbox, like the H5 app does. */
export async function smsLogin(t: TestApp, phone: string, ip?: string) {
  const headers = ip ? { 'x-forwarded-for': ip } : undefined;
  const sent = await t.request('POST', '/api/auth/sms/send', { body: { phone }, headers });
  if (sent.status !== 200) throw new Error(`sms send failed: ${JSON.stringify(sent.body)}`);
  const outbox = await t.request('GET', `/api/dev/sms-outbox?phone=${phone}`);
  // The newest message with a code: notice texts (SMS fallback) go to the same outbox.
  const code = (outbox.body.messages as { text: string }[]).map((m) => /验证码 (\d{6})/.exec(m.text)).find(Boolean)![1];
  const res = await t.request('POST', '/api/auth/sms/login', { body: { phone, code }, headers });
  if (res.status !== 200) throw new Error(`sms login failed: ${JSON.stringify(res.body)}`);
  return res.body as { accessToken: string; refreshToken: string; user: { id: string; activeRole: string } };
}

let phoneSeq = 0;
/** A distinct valid phone per call so tests do not trip each other's rate limits. */
export function nextPhone(): string {
  phoneSeq += 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`;
}
