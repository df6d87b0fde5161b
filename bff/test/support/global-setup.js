// Starts one throwaway FerretDB (PostgreSQL backend unless DB_BACKEND=sqlite) for the whole run (unless MONGODB_URI points at a server);
// each test file then uses its own database on it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_BASE = process.env.MONGODB_URI.replace(/\/[^/?]*(\?.*)?$/, '');
    return;
  }
  const { startFerretDB } = require('../../../scripts/lib/ferretdb.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-test-db-'));
  const started = Date.now();
  // A throwaway cluster per run (a copy of the template cluster in .cache/, so no initdb per run).
  const db = await startFerretDB({ dataDir, throwaway: true });
  process.stderr.write(`\n[test db] ${db.description} on ${db.uri}, up in ${Date.now() - started} ms\n`);
  globalThis.__FERRETDB__ = { db, dataDir };
  process.env.TEST_MONGODB_BASE = db.uri;
};
