const fs = require('node:fs');

module.exports = async () => {
  const h = globalThis.__E2E__;
  if (!h) return;
  await h.bff.stop();
  if (h.db) await h.db.stop();
  if (h.dataDir) fs.rmSync(h.dataDir, { recursive: true, force: true });
};
