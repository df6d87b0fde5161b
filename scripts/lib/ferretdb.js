// Embedded database launcher: builds FerretDB v1 (SQLite backend) from its Go module once,
// caches the binary inside the repo (.cache/, git-ignored) and runs it on a free loopback port.
'use strict';
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';
const repoRoot = path.resolve(__dirname, '..', '..');
const cacheDir = path.join(repoRoot, '.cache', 'ferretdb', FERRETDB_VERSION);
const binaryPath = path.join(cacheDir, 'ferretdb');

const log = (msg) => process.stderr.write(`[ferretdb] ${msg}\n`);

function goAvailable() {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function binaryWorks(bin) {
  if (!fs.existsSync(bin)) return false;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes(FERRETDB_VERSION);
}

/** Runs a long command, printing a heartbeat so a first build does not look hung. */
function runWithProgress(cmd, args, opts, label) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let tail = '';
    const onData = (buf) => {
      const text = buf.toString();
      tail = (tail + text).slice(-4000);
      lines += text.split('\n').length - 1;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setInterval(() => log(`${label}… ${Math.round((Date.now() - started) / 1000)}s (${lines} packages so far)`), 10000);
    child.on('error', (err) => { clearInterval(timer); reject(err); });
    child.on('close', (code) => {
      clearInterval(timer);
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (exit ${code}):\n${tail}`));
    });
  });
}

/**
 * Makes sure a working FerretDB binary is in the cache and returns its path.
 * `go install …@version` cannot produce a working binary for v1.24.x: the module proxy refuses the
 * module's version list (needed for install's deprecation check) and the release's
 * build/version/version.txt is generated at release time, so a plain module build panics at start.
 * We therefore download the module, copy it, write version.txt and build ./cmd/ferretdb.
 */
async function ensureFerretDB() {
  if (process.env.FERRETDB_BIN) return process.env.FERRETDB_BIN;
  if (binaryWorks(binaryPath)) return binaryPath;
  const go = goAvailable();
  if (!go) {
    throw new Error(
      'No database available: MONGODB_URI is not set and the Go toolchain (needed to build the embedded FerretDB) is not installed.\n' +
        'Either install Go 1.22+ (https://go.dev/dl/, or `apt-get install golang`) or set MONGODB_URI to a MongoDB 6+ server, e.g. MONGODB_URI=mongodb://127.0.0.1:27017/doorstep',
    );
  }
  log(`building FerretDB ${FERRETDB_VERSION} with ${go} (first run only, takes a few minutes)…`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  log(`downloading module ${MODULE}@${FERRETDB_VERSION}`);
  const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], { env, encoding: 'utf8' }));
  if (info.Error || !info.Dir) throw new Error(`go mod download failed: ${info.Error || 'no module directory'}`);
  const src = path.join(cacheDir, 'src');
  fs.rmSync(src, { recursive: true, force: true });
  fs.cpSync(info.Dir, src, { recursive: true });
  // Module cache files are read-only; make the copy writable so version.txt can be added.
  execFileSync('chmod', ['-R', 'u+w', src]);
  fs.writeFileSync(path.join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  const tmpBin = `${binaryPath}.tmp-${process.pid}`;
  await runWithProgress('go', ['build', '-v', '-trimpath', '-o', tmpBin, './cmd/ferretdb'], { cwd: src, env }, 'compiling');
  fs.renameSync(tmpBin, binaryPath);
  fs.rmSync(src, { recursive: true, force: true });
  if (!binaryWorks(binaryPath)) throw new Error(`FerretDB was built but ${binaryPath} --version did not report ${FERRETDB_VERSION}`);
  log(`built ${binaryPath}`);
  return binaryPath;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function waitForPort(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`FerretDB exited with code ${child.exitCode} before accepting connections`));
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => { sock.destroy(); resolve(); });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`FerretDB did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/**
 * Starts FerretDB with the SQLite backend storing its files in dataDir.
 * Returns { uri, port, stop() }. `uri` has no database name; callers append one.
 */
async function startFerretDB({ dataDir, port, quiet = true } = {}) {
  const bin = await ensureFerretDB();
  fs.mkdirSync(dataDir, { recursive: true });
  const listenPort = port ?? (await freePort());
  const child = spawn(
    bin,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${path.resolve(dataDir)}/`,
      `--state-dir=${path.resolve(dataDir)}`,
      `--listen-addr=127.0.0.1:${listenPort}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
      '--log-format=json',
    ],
    { stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'], env: { ...process.env, FERRETDB_TELEMETRY: 'disable', DO_NOT_TRACK: '1' } },
  );
  let stderr = '';
  child.stderr.on('data', (b) => { stderr = (stderr + b.toString()).slice(-4000); });
  try {
    await waitForPort(listenPort, child, 30000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${err.message}\n${stderr}`);
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return { uri: `mongodb://127.0.0.1:${listenPort}`, port: listenPort, pid: child.pid, stop, process: child };
}

module.exports = { FERRETDB_VERSION, repoRoot, binaryPath, ensureFerretDB, startFerretDB, freePort };
