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
  // `listening` resolves with the port; `address` with { host, port } as the BFF reports them.
  let resolveAddress;
  const address = new Promise((resolve) => { resolveAddress = resolve; });
  const listening = new Promise((resolve, reject) => {
    child.on('message', (m) => {
      if (m && m.type === 'listening') {
        resolveAddress({ host: m.host || env.HOST || process.env.HOST || '127.0.0.1', port: m.port });
        resolve(m.port);
      }
    });
    child.once('exit', (code) => reject(new Error(`BFF exited with code ${code} before listening`)));
  });
  address.catch(() => undefined);
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 12000).unref();
  });
  return { child, listening, address, stop };
}

/** The URL to print for a listen address: wildcard hosts are shown as localhost (and are reachable from the network). */
function urlFor({ host, port }) {
  const wildcard = !host || host === '0.0.0.0' || host === '::';
  const shown = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shown}:${port}/`, public: wildcard || !/^(127\.|::1$|localhost$)/.test(host) };
}

module.exports = { startBff, urlFor };
