import mongoose, { type Connection } from 'mongoose';
import type { Logger } from 'pino';

/**
 * Creates the connection object at once (models can be registered on it) and keeps trying to
 * open it in the background, so the BFF starts, answers /healthz, and reports 503 on /readyz
 * until the database is reachable. After that the driver reconnects by itself.
 */
export function createConnection(uri: string, opts: { serverSelectionTimeoutMS: number; logger: Logger }): { conn: Connection; ready: Promise<void>; close: () => Promise<void> } {
  const conn = mongoose.createConnection();
  conn.set('bufferTimeoutMS', opts.serverSelectionTimeoutMS);
  let closed = false;
  const ready = (async () => {
    for (let attempt = 1; !closed; attempt++) {
      try {
        await conn.openUri(uri, { serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS, maxPoolSize: 20 });
        opts.logger.info({ attempt }, 'database connected');
        return;
      } catch (err) {
        opts.logger.warn({ attempt, err: (err as Error).message }, 'database not reachable yet; retrying');
        await new Promise((r) => setTimeout(r, Math.min(5000, 500 * attempt)));
      }
    }
  })();
  conn.on('disconnected', () => { if (!closed) opts.logger.warn('database disconnected'); });
  conn.on('reconnected', () => opts.logger.info('database reconnected'));
  return {
    conn,
    ready,
    close: async () => { closed = true; await conn.close(true).catch(() => undefined); },
  };
}
