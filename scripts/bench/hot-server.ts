// Server side of hot-reads.ts (a separate process, so the load generator does not share its event
// loop): a bare Koa hello-world and the real BFF (createApp) over the benchmark database, plus a
// control port that reports the database commands the BFF has run (count and total time).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import mongoose from 'mongoose';
import pino from 'pino';
import { SAMPLE_POLICIES } from '@doorstep/shared';
import { createApp } from '../../bff/src/app';
import { loadConfig } from '../../bff/src/config';
import { createTokenSigner } from '../../bff/src/http/auth';
import { createLogger } from '../../bff/src/http/logger';
import { requestLog } from '../../bff/src/http/request-log';
import { RouteLimits, routeLimitSettings } from '../../bff/src/http/rate-limit';
import { buildRouter } from '../../bff/src/http/router';
import { CORE } from './data';

function listen(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

(async () => {
  const uri = process.env.BENCH_MONGODB_URI;
  if (!uri) throw new Error('hot-server.ts is started by hot-reads.ts (BENCH_MONGODB_URI is not set)');
  const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20, monitorCommands: true }).asPromise();
  const db = { commands: 0, ms: 0, byName: {} as Record<string, number> };
  conn.getClient().on('commandSucceeded', (e) => {
    db.commands += 1;
    db.ms += e.duration;
    db.byName[e.commandName] = (db.byName[e.commandName] ?? 0) + 1;
  });
  conn.getClient().on('commandFailed', (e) => { db.commands += 1; db.ms += e.duration; });

  // Production-like: info-level request logs, written synchronously (pino's default for stdout) to /dev/null.
  const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
  // BENCH_CONFIG (JSON): settings a benchmark changes, e.g. the per-client limits load.ts lifts (its clients all share one address).
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: logLevel, ...(JSON.parse(process.env.BENCH_CONFIG ?? '{}') as Record<string, string>) });
  const logger = createLogger(logLevel, pino.destination({ dest: '/dev/null', sync: true }));
  const { app, services, routes } = createApp({ config, conn, logger });
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
  const loaded = await services.policies.loadSamples(SAMPLE_POLICIES);

  const t0 = Date.now();
  await services.gigs.nearby({ lat: CORE.lat, lng: CORE.lng, radiusKm: 5, sort: 'distance', page: 1, pageSize: 20 });
  await services.policies.search({ q: '失业金' });
  const warmMs = Date.now() - t0;

  const helloWorld = (ctx: Koa.Context) => { ctx.body = 'hello world'; };
  const hello = new Koa();
  hello.use(helloWorld);
  // Where the BFF's fixed per-request cost goes: hello-world behind one piece of the BFF's stack each.
  const withLog = new Koa();
  withLog.use(requestLog(logger) as Koa.Middleware);
  withLog.use(helloWorld);
  // The same router the BFF mounts (its rate limits included); /hello needs no staff actor.
  const router = buildRouter(routes, createTokenSigner(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS), {
    limits: new RouteLimits(routeLimitSettings(config)), resolveStaff: () => Promise.reject(new Error('no staff in the benchmark')),
  });
  router.get('/hello', helloWorld as never);
  const withRouter = new Koa();
  withRouter.use(router.routes() as Koa.Middleware);
  withRouter.use(router.allowedMethods({ throw: false }) as Koa.Middleware);
  const ports = {
    hello: await listen(hello.callback()),
    helloLog: await listen(withLog.callback()),
    helloRouter: await listen(withRouter.callback()),
    bff: await listen(app.callback()),
    control: await listen((_req, res) => {
      res.setHeader('content-type', 'application/json');
      const cpu = process.cpuUsage();
      res.end(JSON.stringify({ ...db, cpuMs: (cpu.user + cpu.system) / 1000, nearbyCache: services.gigs.nearbyStats, indexVersion: services.gigs.index.version }));
    }),
  };
  // A clean exit on SIGTERM (flushes --cpu-prof profiles when profiling the server).
  process.on('SIGTERM', () => process.exit(0));
  process.stdout.write(`READY ${JSON.stringify({ ...ports, gigs: services.gigs.index.size, policiesLoaded: loaded.created, routes: routes.length, warmMs })}\n`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
