// `npm start`: H5 build if needed → embedded FerretDB (unless MONGODB_URI) → demo seed once → BFF on one port.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ferret from './lib/ferretdb.js';
import h5 from './lib/h5.js';
import bff from './lib/bff-process.js';

const { repoRoot, startFerretDB } = ferret;
const port = process.env.PORT || '3000';

try {
  h5.ensureH5();
} catch (err) {
  console.error(`${err.message}; the API will still start, but / will not serve the app.`);
}

let db = null;
let uri = process.env.MONGODB_URI;
const infoFile = path.join(repoRoot, '.data', 'ferretdb.json');
if (!uri) {
  try {
    db = await startFerretDB({ dataDir: path.join(repoRoot, '.data', 'ferretdb'), port: process.env.DB_PORT ? Number(process.env.DB_PORT) : undefined });
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  uri = `${db.uri}/doorstep`;
  fs.writeFileSync(infoFile, JSON.stringify({ uri, pid: db.pid }));
  console.log(`embedded ${db.description} on ${db.uri}, data in .data/ferretdb`);
}

const production = process.env.NODE_ENV === 'production';
if (!production) {
  // The demo city (with a demo staff phone whose codes the development outbox shows) is for development only.
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const seeded = spawnSync(tsx, [path.join(repoRoot, 'bff', 'src', 'cli', 'seed.ts')], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, MONGODB_URI: uri } });
  if (seeded.status !== 0) console.error('demo seed failed; continuing without it');
}

const server = bff.startBff({ MONGODB_URI: uri, PORT: port, H5_DIR: h5.h5Dir });
let stopping = false;
const shutdown = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  if (db) {
    await db.stop();
    fs.rmSync(infoFile, { force: true });
  }
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
server.child.on('exit', (code) => { if (!stopping) void shutdown(code ?? 1); });

try {
  await server.listening;
  const { url, public: reachable } = bff.urlFor(await server.address);
  console.log(`\n  家门口就业 is running:  ${url}   (API docs: ${url}api/openapi.json)`);
  console.log(reachable
    ? `  Listening on all interfaces (HOST=${process.env.HOST ?? ''}): reachable from other hosts.`
    : '  Listening on this machine only; set HOST=0.0.0.0 to let other devices on the network connect.');
  if (!production) console.log(`  Demo staff login: phone 13800000000; read SMS codes at ${url}api/dev/sms-outbox?phone=… (development only, this machine only)\n`);
} catch (err) {
  console.error(err.message);
  await shutdown(1);
}
