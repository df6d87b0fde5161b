// Starts a throwaway FerretDB and the real BFF process serving the H5 build on a free port.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startFerretDB, freePort } = require('../lib/ferretdb.js');
const { startBff } = require('../lib/bff-process.js');
const { h5Dir } = require('../lib/h5.js');

module.exports = async () => {
  if (!fs.existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    throw new Error('Chromium is not installed: run `apt-get update && apt-get install -y chromium` (or .ci/run), or set CHROMIUM_PATH');
  }
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) throw new Error('H5 build missing: run `npm run build:h5`');
  let db = null;
  let uri = process.env.MONGODB_URI;
  let dataDir = null;
  if (!uri) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-e2e-db-'));
    db = await startFerretDB({ dataDir });
    uri = `${db.uri}/e2e_${Date.now()}`;
  }
  const port = await freePort();
  const bff = startBff({ MONGODB_URI: uri, PORT: String(port), HOST: '127.0.0.1', H5_DIR: h5Dir, NODE_ENV: 'development', LOG_LEVEL: 'warn' });
  await bff.listening;
  globalThis.__E2E__ = { db, bff, dataDir };
  process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`;
};
