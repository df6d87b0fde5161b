// Starts one throwaway FerretDB for the whole run (unless MONGODB_URI points at a server);
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
  const db = await startFerretDB({ dataDir });
  globalThis.__FERRETDB__ = { db, dataDir };
  process.env.TEST_MONGODB_BASE = db.uri;
};
