import fs from 'node:fs';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const launcher = require('../../../scripts/lib/ferretdb.js') as {
  repoRoot: string;
  startFerretDB(o: { dataDir: string }): Promise<{ uri: string; stop(): Promise<void> }>;
};

export const DEV_DB_NAME = 'doorstep';
export const devDataDir = path.join(launcher.repoRoot, '.data', 'ferretdb');
export const devDbInfoFile = path.join(launcher.repoRoot, '.data', 'ferretdb.json');

/**
 * CLI scripts reach the database the app uses: MONGODB_URI when set; else the embedded
 * FerretDB that `npm start` is running (it writes .data/ferretdb.json); else they start the
 * embedded FerretDB on the same data folder for as long as the script runs.
 */
export async function connectForCli(): Promise<{ conn: Connection; close(): Promise<void> }> {
  let uri = process.env.MONGODB_URI;
  let stopDb: (() => Promise<void>) | undefined;
  if (!uri && fs.existsSync(devDbInfoFile)) {
    const info = JSON.parse(fs.readFileSync(devDbInfoFile, 'utf8')) as { uri: string; pid: number };
    try { process.kill(info.pid, 0); uri = info.uri; } catch { /* stale file: that FerretDB is gone */ }
  }
  if (!uri) {
    const db = await launcher.startFerretDB({ dataDir: devDataDir });
    uri = `${db.uri}/${DEV_DB_NAME}`;
    stopDb = db.stop;
  }
  const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  return { conn, close: async () => { await conn.close(); await stopDb?.(); } };
}
