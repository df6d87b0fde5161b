// A private PostgreSQL cluster for the embedded FerretDB: found on the machine (Debian's `postgresql`
// package, PG_BIN, or initdb on PATH), initialised once into a template in .cache/ and copied into each
// data folder, run as an unprivileged user when we are root, reachable only through a Unix socket
// (no TCP listener) with 0700 permissions, and stopped with a fast shutdown.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const SUPERUSER = 'ferretdb';
const DATABASE = 'ferretdb';
const SOCKET_PORT = 5432; // only names the socket file; nothing listens on TCP
const FALLBACK_USER = 'doorstep-pg';
// sun_path is 108 bytes including the terminating NUL.
const MAX_SOCKET_PATH = 107;

const log = (msg) => process.stderr.write(`[postgres] ${msg}\n`);

const INSTALL_HINT =
  'No database available: MONGODB_URI is not set and PostgreSQL, which the embedded FerretDB stores its data in, is not installed.\n' +
  'Install it with `apt-get install postgresql` (Debian/Ubuntu; or point PG_BIN at a folder holding initdb and postgres), ' +
  'or run with DB_BACKEND=sqlite to use FerretDB\'s SQLite backend, ' +
  'or set MONGODB_URI to a MongoDB 6+ server, e.g. MONGODB_URI=mongodb://127.0.0.1:27017/doorstep';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Returns { bindir, version, major } of the PostgreSQL to use, or throws the install hint. */
function findPostgres() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const majors = fs.readdirSync(debian).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
    for (const m of majors) candidates.push(path.join(debian, m, 'bin'));
  }
  for (const dir of (process.env.PATH || '').split(path.delimiter)) if (dir) candidates.push(dir);
  for (const bindir of candidates) {
    if (!isExecutable(path.join(bindir, 'initdb')) || !isExecutable(path.join(bindir, 'postgres'))) continue;
    const r = spawnSync(path.join(bindir, 'postgres'), ['--version'], { encoding: 'utf8' });
    const m = /(\d+)(?:\.(\d+))?/.exec(r.stdout || '');
    if (r.status !== 0 || !m) continue;
    return { bindir, version: m[0], major: m[1] };
  }
  throw new Error(INSTALL_HINT);
}

function idOf(flag, user) {
  const r = spawnSync('id', [flag, user], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

let cachedRunAs;
/**
 * initdb and postgres refuse to run as root. As root we run them as `postgres` (created by Debian's
 * package) or, if that user does not exist, as a system user `doorstep-pg` that we create.
 * Returns { uid, gid, name } or null when we are not root (then they run as ourselves).
 */
function runAs() {
  if (cachedRunAs !== undefined) return cachedRunAs;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return (cachedRunAs = null);
  let name = process.env.PG_USER || 'postgres';
  if (idOf('-u', name) === null) {
    name = process.env.PG_USER || FALLBACK_USER;
    if (idOf('-u', name) === null) {
      log(`creating system user ${name} to run PostgreSQL (it refuses to run as root)`);
      const r = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`PostgreSQL cannot run as root and creating user ${name} failed: ${(r.stderr || r.error?.message || '').trim()}`);
    }
  }
  cachedRunAs = { uid: idOf('-u', name), gid: idOf('-g', name), name };
  return cachedRunAs;
}

function asUser(opts = {}) {
  const u = runAs();
  return u ? { ...opts, uid: u.uid, gid: u.gid } : opts;
}

function chownToUser(p) {
  const u = runAs();
  if (u) fs.chownSync(p, u.uid, u.gid);
}

/**
 * Makes sure the PostgreSQL user can traverse into dir: folders on the way that we own inside the
 * repository or the temp dir (mkdtemp makes them 0700) get o+x (others may pass through, not list).
 */
function ensureReachable(dir) {
  const u = runAs();
  if (!u) return;
  const test = () => spawnSync('test', ['-x', dir], asUser()).status === 0;
  if (test()) return;
  const roots = [repoRoot, fs.realpathSync(os.tmpdir())];
  for (let d = path.resolve(dir); roots.some((r) => d.startsWith(r + path.sep)); d = path.dirname(d)) {
    const st = fs.statSync(d);
    if (st.uid === process.getuid() && !(st.mode & 0o001)) fs.chmodSync(d, (st.mode & 0o7777) | 0o001);
  }
  if (!test()) {
    throw new Error(`PostgreSQL runs as user ${u.name}, which cannot reach ${dir}: give the folders above it o+x (chmod o+x …) or move the repository somewhere world-traversable`);
  }
}

function run(bin, args, opts, label) {
  const r = spawnSync(bin, args, asUser({ encoding: 'utf8', ...opts }));
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}): ${(r.stderr || r.stdout || r.error?.message || '').trim().slice(-2000)}`);
  return r;
}

/**
 * The template cluster: initdb once per PostgreSQL major version, plus the database FerretDB uses.
 * Data folders are copies of it (a copy takes ~0.15 s, initdb ~1 s on an idle machine and more under load).
 */
function ensureTemplate(pg = findPostgres()) {
  const root = path.join(repoRoot, '.cache', 'postgresql');
  const template = path.join(root, `${pg.major}-template`);
  if (fs.existsSync(path.join(template, 'PG_VERSION'))) return template;
  fs.mkdirSync(root, { recursive: true });
  ensureReachable(root);
  const tmp = path.join(root, `${pg.major}-template.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { mode: 0o700 });
  chownToUser(tmp);
  const started = Date.now();
  log(`initialising a PostgreSQL ${pg.version} cluster (first run only): initdb ${tmp}${runAs() ? ` as user ${runAs().name}` : ''}…`);
  // C collation: string order is byte order, which is what MongoDB's default comparison does.
  run(path.join(pg.bindir, 'initdb'), ['-D', tmp, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-instructions'], {}, 'initdb');
  log(`creating database "${DATABASE}"…`);
  run(path.join(pg.bindir, 'postgres'), ['--single', '-D', tmp, '-c', 'log_min_messages=warning', 'postgres'], { input: `CREATE DATABASE ${DATABASE};\n` }, 'CREATE DATABASE');
  try {
    fs.renameSync(tmp, template);
  } catch (err) {
    // Another process finished first; use its template.
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(path.join(template, 'PG_VERSION'))) throw err;
  }
  log(`template cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${template}`);
  return template;
}

/**
 * FerretDB v1.24 indexes are btrees its equality filters (`_jsonb -> 'f' @> v`) cannot use (FerretDB issue
 * #4646): every query scans the table. gin-twins.sql gives each of its indexes a GIN twin that PostgreSQL does
 * use, now and (an event trigger) for every index FerretDB creates later. Run before FerretDB connects, so its
 * pooled statements are planned with the twins. Idempotent; a failure leaves the database slow, not wrong.
 */
async function installGinTwins(pg, socketDir) {
  const psql = path.join(pg.bindir, 'psql');
  const sql = path.join(__dirname, 'gin-twins.sql');
  const started = Date.now();
  const args = ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(SOCKET_PORT), '-U', SUPERUSER, '-d', DATABASE];
  const r = await new Promise((resolve) => {
    const child = spawn(psql, args, asUser({ stdio: ['pipe', 'pipe', 'pipe'] }));
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', (err) => resolve({ code: -1, out: err.message }));
    child.on('exit', (code) => resolve({ code, out }));
    child.stdin.end(fs.readFileSync(sql, 'utf8'));
  });
  if (r.code !== 0) log(`warning: GIN indexes for FerretDB's equality filters were not installed (queries will scan tables): ${r.out.trim().slice(-500)}`);
  else if (Date.now() - started > 2000) log(`GIN indexes for FerretDB's equality filters checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A cluster made by another user (first run without root, or another PG_USER) is handed to the server's user. */
function handToServerUser(pgdata) {
  const u = runAs();
  if (!u || fs.statSync(pgdata).uid === u.uid) return;
  const r = spawnSync('chown', ['-R', `${u.uid}:${u.gid}`, pgdata], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`could not hand ${pgdata} to user ${u.name}: ${r.stderr.trim()}`);
}

/** Creates the cluster in pgdata (a copy of the template) unless it is already there. */
function ensureCluster(pgdata, pg = findPostgres()) {
  const versionFile = path.join(pgdata, 'PG_VERSION');
  if (fs.existsSync(versionFile)) {
    const v = fs.readFileSync(versionFile, 'utf8').trim();
    if (v !== pg.major) throw new Error(`${pgdata} holds a PostgreSQL ${v} cluster but PostgreSQL ${pg.major} is installed; set PG_BIN to a PostgreSQL ${v} bin folder, or move that folder away to start empty`);
    handToServerUser(pgdata);
    return false;
  }
  const template = ensureTemplate(pg);
  ensureReachable(path.dirname(pgdata));
  fs.rmSync(pgdata, { recursive: true, force: true });
  // cp -a keeps the owner (the PostgreSQL user) and the 0700 mode initdb set.
  const r = spawnSync('cp', ['-a', template, pgdata], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`copying the template cluster into ${pgdata} failed: ${r.stderr.trim()}`);
  handToServerUser(pgdata);
  return true;
}

function socketDirFor(pgdata) {
  if (Buffer.byteLength(path.join(pgdata, `.s.PGSQL.${SOCKET_PORT}`)) <= MAX_SOCKET_PATH) return pgdata;
  // The repository path is too long for a Unix socket: use a private folder in the temp dir instead.
  const dir = path.join(os.tmpdir(), `doorstep-pg-${crypto.createHash('sha1').update(pgdata).digest('hex').slice(0, 12)}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  chownToUser(dir);
  return dir;
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** The postmaster.pid of a running server, or null. */
function runningPostmaster(pgdata) {
  let lines;
  try {
    lines = fs.readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  if (!pid || !pidAlive(pid)) return null;
  let cmd = '';
  try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { /* not Linux or gone */ }
  if (cmd && !cmd.includes('postgres')) return null;
  return { pid, status: (lines[7] || '').trim() };
}

function tail(file, n = 3000) {
  try {
    const s = fs.readFileSync(file, 'utf8');
    return s.slice(-n);
  } catch {
    return '';
  }
}

/**
 * Starts PostgreSQL on the cluster in pgdata (creating it from the template first if needed).
 * throwaway: turn off fsync (test clusters that are deleted afterwards).
 * Returns { url, socketDir, pid, version, created, stop() }.
 */
async function startPostgres({ pgdata, logFile, throwaway = false, timeoutMs = 60000 }) {
  const pg = findPostgres();
  const created = ensureCluster(pgdata, pg);
  const other = runningPostmaster(pgdata);
  if (other) throw new Error(`the PostgreSQL cluster in ${pgdata} is already running (pid ${other.pid}): is \`npm start\` or \`npm run db\` running? Stop it first`);
  const socketDir = socketDirFor(pgdata);
  const settings = {
    listen_addresses: '',
    unix_socket_directories: socketDir,
    unix_socket_permissions: '0700',
    port: String(SOCKET_PORT),
    max_connections: '200',
    shared_buffers: '64MB',
    ...(throwaway ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    // PG_LOG_MIN_DURATION_MS: log every statement slower than this to the cluster's log (finding slow queries).
    ...(/^\d+$/.test(process.env.PG_LOG_MIN_DURATION_MS ?? '') ? { log_min_duration_statement: process.env.PG_LOG_MIN_DURATION_MS } : {}),
  };
  const args = ['-D', pgdata];
  for (const [k, v] of Object.entries(settings)) args.push('-c', `${k}=${v}`);
  // The server writes its log straight to the file, so it does not depend on this process to drain a pipe.
  // Its own process group: Ctrl+C in a terminal reaches only the launcher, which stops FerretDB first and
  // then this server (the launcher's watchdog stops it if the launcher dies instead).
  const fd = fs.openSync(logFile, 'a');
  const started = Date.now();
  const child = spawn(path.join(pg.bindir, 'postgres'), args, asUser({ stdio: ['ignore', fd, fd], detached: true }));
  fs.closeSync(fd);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let spawnError = null;
  child.once('error', (err) => { spawnError = err; });

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError) throw new Error(`could not start ${pg.bindir}/postgres: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode) throw new Error(`PostgreSQL exited (${child.exitCode ?? child.signalCode}) before it was ready; its log (${logFile}):\n${tail(logFile)}`);
    const pm = runningPostmaster(pgdata);
    if (pm && pm.pid === child.pid && pm.status === 'ready') break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`PostgreSQL was not ready within ${timeoutMs} ms; its log (${logFile}):\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  await installGinTwins(pg, socketDir);

  let stopping = null;
  const stop = () => {
    if (!stopping) {
      stopping = (async () => {
        if (child.exitCode === null && !child.signalCode) {
          child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
          const quit = setTimeout(() => child.kill('SIGQUIT'), 20000);
          const kill = setTimeout(() => child.kill('SIGKILL'), 30000);
          await exited;
          clearTimeout(quit);
          clearTimeout(kill);
        }
        if (socketDir !== pgdata) fs.rmSync(socketDir, { recursive: true, force: true });
      })();
    }
    return stopping;
  };
  const url = `postgres:///${DATABASE}?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}&user=${SUPERUSER}`;
  return { url, socketDir, pid: child.pid, version: pg.version, created, startMs: Date.now() - started, stop, process: child };
}

module.exports = { findPostgres, ensureTemplate, ensureCluster, startPostgres, runAs, INSTALL_HINT };
