'use strict';
// Builds the H5 app when its output is missing or older than its sources.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const repoRoot = path.resolve(__dirname, '..', '..');
const h5Dir = path.join(repoRoot, 'miniapp', 'dist', 'h5');
const sourceDirs = [path.join(repoRoot, 'miniapp', 'src'), path.join(repoRoot, 'miniapp', 'config'), path.join(repoRoot, 'shared', 'src')];

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function h5IsCurrent() {
  const index = path.join(h5Dir, 'index.html');
  if (!fs.existsSync(index)) return false;
  const built = fs.statSync(index).mtimeMs;
  return sourceDirs.every((d) => newestMtime(d) <= built);
}

function ensureH5({ force = false } = {}) {
  if (!force && h5IsCurrent()) return h5Dir;
  process.stderr.write('[h5] building the H5 app (taro build --type h5)…\n');
  const r = spawnSync('npm', ['run', 'build:h5', '-w', 'miniapp'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('H5 build failed');
  return h5Dir;
}

module.exports = { ensureH5, h5Dir, h5IsCurrent };
