// `npm run db [-- build]`: prepare the embedded database (build FerretDB, initialise the PostgreSQL
// template cluster), or run it in the foreground on the dev data folder.
import path from 'node:path';
import ferret from './lib/ferretdb.js';
const { prepare, repoRoot, startFerretDB } = ferret;

const cmd = process.argv[2] || 'run';
try {
  if (cmd === 'build') {
    const { bin, template } = await prepare();
    console.log(bin);
    if (template) console.log(template);
  } else {
    const db = await startFerretDB({ dataDir: path.join(repoRoot, '.data', 'ferretdb'), port: Number(process.env.DB_PORT) || undefined });
    console.log(`${db.description} listening: ${db.uri}  (Ctrl+C to stop)`);
    const stop = async () => { await db.stop(); process.exit(0); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
