// Embedded database launcher: builds FerretDB v1 from its Go module once, caches the binary inside the
// repo (.cache/, git-ignored) and runs it on a free loopback port over its PostgreSQL backend (a private
// cluster in the data folder, see postgres.js) or, with DB_BACKEND=sqlite, its SQLite backend.
'use strict';
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const postgres = require('./postgres.js');

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

function backendName(backend = process.env.DB_BACKEND || 'postgresql') {
  const b = String(backend).toLowerCase();
  if (b === 'postgresql' || b === 'postgres' || b === 'pg') return 'postgresql';
  if (b === 'sqlite') return 'sqlite';
  throw new Error(`DB_BACKEND must be postgresql or sqlite, not ${JSON.stringify(backend)}`);
}

/**
 * A shell that outlives nothing: it waits for its stdin (a pipe from this process) to close, then
 * interrupts the given processes. If this process dies without stopping the database (SIGKILL, crash),
 * the pipe closes and FerretDB and PostgreSQL are stopped instead of left running.
 */
function watchdog(pids) {
  const child = spawn('sh', ['-c', 'while read -r _; do :; done; kill -INT "$@" 2>/dev/null; exit 0', 'watchdog', ...pids.map(String)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  child.on('error', () => undefined);
  child.stdin.on('error', () => undefined);
  child.unref();
  child.stdin.unref?.();
  return { disarm: () => { try { child.kill('SIGKILL'); } catch { /* gone */ } } };
}

function stopChild(child, signal, killAfterMs) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), killAfterMs).unref();
  });
}

/**
 * Starts FerretDB storing its data in dataDir: with the PostgreSQL backend (default) the cluster is
 * dataDir/postgresql (created from the template on first use) and its log dataDir/postgresql.log;
 * with DB_BACKEND=sqlite (or backend: 'sqlite') the SQLite files are in dataDir itself.
 * throwaway: the data is deleted after the run, so PostgreSQL may skip fsync.
 * Returns { uri, port, pid, backend, description, stop() }. `uri` has no database name; callers append one.
 * stop() stops FerretDB, then PostgreSQL.
 */
async function startFerretDB({ dataDir, port, quiet = true, backend, throwaway = false } = {}) {
  const kind = backendName(backend);
  if (kind === 'postgresql') postgres.findPostgres(); // fail with the install hint before building anything
  const bin = await ensureFerretDB();
  fs.mkdirSync(dataDir, { recursive: true });
  const dir = path.resolve(dataDir);
  let pg = null;
  let handlerArgs;
  let description;
  if (kind === 'postgresql') {
    pg = await postgres.startPostgres({ pgdata: path.join(dir, 'postgresql'), logFile: path.join(dir, 'postgresql.log'), throwaway });
    handlerArgs = ['--handler=postgresql', `--postgresql-url=${pg.url}`];
    description = `FerretDB ${FERRETDB_VERSION} on PostgreSQL ${pg.version} (cluster ${path.join(dir, 'postgresql')}${pg.created ? ', new' : ''})`;
  } else {
    handlerArgs = ['--handler=sqlite', `--sqlite-url=file:${dir}/`];
    description = `FerretDB ${FERRETDB_VERSION} on SQLite (${dir})`;
  }
  let listenPort;
  let child;
  const logFile = path.join(dir, 'ferretdb.log');
  const logFd = fs.openSync(logFile, 'w');
  try {
    listenPort = port ?? (await freePort());
    child = spawn(
      bin,
      [
        ...handlerArgs,
        `--state-dir=${dir}`,
        `--listen-addr=127.0.0.1:${listenPort}`,
        '--telemetry=disable',
        `--debug-addr=${process.env.FERRETDB_DEBUG_ADDR || '-'}`,
        '--log-level=warn',
        '--log-format=json',
      ],
      // Own process group, like PostgreSQL: a terminal's Ctrl+C reaches the launcher, which stops the
      // database in order (the watchdog below covers the launcher dying).
      // FerretDB's log goes to a file, never a pipe: a pipe nobody drains while this process is busy (a jest
      // test blocked in execFileSync on a CLI that talks to this FerretDB) fills up, FerretDB's logger blocks
      // on the write while holding its lock, and every connection stalls — a deadlock.
      { stdio: ['ignore', quiet ? 'ignore' : 'inherit', logFd], detached: true, env: { ...process.env, FERRETDB_TELEMETRY: 'disable', DO_NOT_TRACK: '1' } },
    );
  } catch (err) {
    fs.closeSync(logFd);
    if (pg) await pg.stop();
    throw err;
  }
  fs.closeSync(logFd);
  const guard = watchdog([child.pid, ...(pg ? [pg.pid] : [])]);
  const stderrTail = () => { try { return fs.readFileSync(logFile, 'utf8').slice(-4000); } catch { return ''; } };
  try {
    await waitForPort(listenPort, child, 30000);
  } catch (err) {
    child.kill('SIGKILL');
    if (pg) await pg.stop();
    guard.disarm();
    throw new Error(`${err.message}\n${stderrTail()}`);
  }
  let stopping = null;
  const stop = () => {
    if (!stopping) {
      stopping = (async () => {
        await stopChild(child, 'SIGTERM', 5000);
        if (pg) await pg.stop();
        guard.disarm();
      })();
    }
    return stopping;
  };
  return { uri: `mongodb://127.0.0.1:${listenPort}`, port: listenPort, pid: child.pid, backend: kind, description, stop, process: child };
}

/** Builds FerretDB and, for the PostgreSQL backend, the template cluster (what `npm run db -- build` prepares). */
async function prepare({ backend } = {}) {
  const kind = backendName(backend);
  if (kind === 'postgresql') postgres.findPostgres();
  const bin = await ensureFerretDB();
  const template = kind === 'postgresql' ? postgres.ensureTemplate() : null;
  return { bin, template };
}

module.exports = { FERRETDB_VERSION, repoRoot, binaryPath, ensureFerretDB, startFerretDB, freePort, prepare, backendName };
