const fs = require('node:fs');

module.exports = async () => {
  const handle = globalThis.__FERRETDB__;
  if (!handle) return;
  await handle.db.stop();
  fs.rmSync(handle.dataDir, { recursive: true, force: true });
};
