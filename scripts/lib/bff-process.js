'use strict';
// Runs the BFF as its own process (the same entry production uses) and waits until it listens.
const { spawn } = require('node:child_process');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');

function startBff(env, { inherit = true } = {}) {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [path.join(repoRoot, 'bff', 'src', 'server.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', inherit ? 'inherit' : 'pipe', inherit ? 'inherit' : 'pipe', 'ipc'],
  });
  const listening = new Promise((resolve, reject) => {
    child.on('message', (m) => { if (m && m.type === 'listening') resolve(m.port); });
    child.once('exit', (code) => reject(new Error(`BFF exited with code ${code} before listening`)));
  });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 12000).unref();
  });
  return { child, listening, stop };
}

module.exports = { startBff };
