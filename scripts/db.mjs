// `npm run db [-- build]`: build the embedded FerretDB, or run it in the foreground on the dev data folder.
import path from 'node:path';
import ferret from './lib/ferretdb.js';
const { ensureFerretDB, repoRoot, startFerretDB } = ferret;

const cmd = process.argv[2] || 'run';
if (cmd === 'build') {
  console.log(await ensureFerretDB());
} else {
  const db = await startFerretDB({ dataDir: path.join(repoRoot, '.data', 'ferretdb'), port: Number(process.env.DB_PORT) || undefined });
  console.log(`FerretDB listening: ${db.uri}  (Ctrl+C to stop)`);
  const stop = async () => { await db.stop(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
