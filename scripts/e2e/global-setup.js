// Starts a throwaway FerretDB and the real BFF process serving the H5 build on a free port.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startFerretDB, freePort } = require('../lib/ferretdb.js');
const { startBff } = require('../lib/bff-process.js');
const { h5Dir: defaultH5Dir } = require('../lib/h5.js');

module.exports = async () => {
  if (!fs.existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    throw new Error('Chromium is not installed: run `apt-get update && apt-get install -y chromium` (or .ci/run), or set CHROMIUM_PATH');
  }
  const h5Dir = process.env.E2E_H5_DIR ? path.resolve(process.env.E2E_H5_DIR) : defaultH5Dir;
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) throw new Error('H5 build missing: run `npm run build:h5`');
  let db = null;
  let uri = process.env.MONGODB_URI;
  let dataDir = null;
  if (!uri) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-e2e-db-'));
    db = await startFerretDB({ dataDir, throwaway: true });
    process.stderr.write(`\n[e2e db] ${db.description} on ${db.uri}\n`);
    uri = `${db.uri}/e2e_${Date.now()}`;
  }
  const port = await freePort();
  // Every browser of the suite signs in from 127.0.0.1: the per-IP SMS limits (30 sends, 60 logins an hour by
  // default) would stop the later files, so they are raised here; the per-phone limits stay as configured and
  // the API tests cover the per-IP ones.
  const bff = startBff({ MONGODB_URI: uri, PORT: String(port), HOST: '127.0.0.1', H5_DIR: h5Dir, NODE_ENV: 'development', LOG_LEVEL: 'warn', SMS_IP_HOURLY_LIMIT: '2000', SMS_LOGIN_IP_HOURLY_LIMIT: '5000' });
  await bff.listening;
  globalThis.__E2E__ = { db, bff, dataDir };
  process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`;
  // Tests that need a staff account create it the way operators do (the CLI) against this database.
  process.env.E2E_MONGODB_URI = uri;
};
