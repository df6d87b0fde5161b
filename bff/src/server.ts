import http from 'node:http';
import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { createConnection } from './db/connection';
import { runMigrations } from './db/migrations';
import { createLogger } from './http/logger';

/** Process entry: config → database → listen → graceful stop on SIGTERM/SIGINT. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (!config.MONGODB_URI) {
    logger.fatal('MONGODB_URI is not set. Use `npm start` (it starts the embedded FerretDB) or point MONGODB_URI at MongoDB 6+.');
    process.exit(78);
  }
  const db = createConnection(config.MONGODB_URI, { serverSelectionTimeoutMS: config.DB_SERVER_SELECTION_TIMEOUT_MS, logger });
  const { app, scheduler, services, readiness } = createApp({ config, conn: db.conn, logger });
  // One-off data migrations (db/migrations.ts) once the database is reachable: each runs once per
  // database, however many instances start at the same time. Their gig writes go through the Gig
  // model, so every nearby index re-reads the migrated gigs. A failure is logged and retried at the
  // next start (each migration is idempotent per document).
  // /readyz answers 503 until they are done, then until the nearby index has loaded the open gigs (the
  // first nearby search would otherwise wait for it).
  const migrated = readiness.track('数据迁移', db.ready.then(() => runMigrations(db.conn, { logger })));
  void migrated
    .then((names) => { if (names.length) logger.info({ names }, 'migrations applied'); })
    .catch((err) => logger.error({ err: (err as Error).message }, 'migrations failed; will retry at the next start'));
  void readiness.track('附近零工索引', migrated.catch(() => undefined).then(() => services.gigs.index.ready()))
    .catch((err) => logger.error({ err: (err as Error).message }, 'nearby index warm-up failed; it loads on first use'));
  // Reminders and held texts: every instance ticks, each due run happens on one of them only.
  if (config.SCHEDULER_ENABLED) scheduler.start();
  const server = http.createServer(app.callback());
  // Keep idle connections open longer than clients do (Node's fetch/undici drops them after ~4 s, phones and
  // proxies after a minute or so): if the server closed first, a client could send on a socket that is being
  // closed and see "other side closed". Shutdown closes idle connections explicitly (below).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  logger.info({ port, env: config.NODE_ENV }, 'BFF listening');
  process.send?.({ type: 'listening', port, host: config.HOST });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => { logger.error('drain timed out; exiting'); process.exit(1); }, 10_000);
    force.unref();
    // Stop accepting, let in-flight requests finish, then close idle keep-alive sockets.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    await scheduler.stop();
    await db.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`fatal: ${(err as Error).stack}\n`);
  process.exit(1);
});
