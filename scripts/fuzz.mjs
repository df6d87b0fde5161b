// `npm run fuzz`: schema-driven fuzzing of the BFF with schemathesis (PyPI), once per role.
//
// Starts an embedded FerretDB on a temporary data directory and the BFF on a free loopback port
// (NODE_ENV=development, so the SMS outbox can be read), loads the demo data, signs in a worker, an
// employer and a staff member by SMS, then runs `schemathesis run` on the served /api/openapi.json:
// anonymously over the public routes, and with each token over the routes that role may call (by the
// document's `x-access`), with real gig / application / policy ids for path parameters. Checks:
// not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance.
// Any 5xx fails the run, except 503 from the routes that call WeChat (WECHAT_ROUTES): the WeChat API
// base points at a loopback port nobody listens on, on purpose. The SMS limits are raised for the run
// (SMS_IP_HOURLY_LIMIT=10000, SMS_PHONE_HOURLY_LIMIT=100, cooldown 1 s) so 429s do not hide the SMS routes.
//
// Environment: FUZZ_MAX_EXAMPLES (default 20) test cases per operation in the fuzzing phase, FUZZ_SEED
// (random by default, printed so a run can be replayed), FUZZ_ROLES (comma list of
// anonymous,worker,employer,staff), FUZZ_CHECKS (schemathesis --checks), FUZZ_KEEP=1 keeps the
// temporary directory (BFF log, schemathesis output and ndjson reports; always kept on failure).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import ferret from './lib/ferretdb.js';
import bff from './lib/bff-process.js';

const { repoRoot, startFerretDB, freePort } = ferret;

/** Pinned; installs and runs on Python 3.11 (the machine's python3). */
const SCHEMATHESIS_VERSION = '4.32.5';
const venvDir = path.join(repoRoot, '.cache', 'fuzz-venv');
const stBin = path.join(venvDir, 'bin', 'schemathesis');

/** Routes that call the WeChat API inside the request; with WeChat unreachable they answer 503 WECHAT_UNAVAILABLE. */
export const WECHAT_ROUTES = [
  { method: 'POST', path: '/api/auth/wechat/login' },
  { method: 'POST', path: '/api/auth/wechat/phone' },
];

const maxExamples = Number(process.env.FUZZ_MAX_EXAMPLES || 20);
const seed = Number(process.env.FUZZ_SEED || Math.floor(Math.random() * 2 ** 31));
const roles = (process.env.FUZZ_ROLES || 'anonymous,worker,employer,staff,city').split(',').map((r) => r.trim()).filter(Boolean);
const log = (msg) => process.stdout.write(`[fuzz] ${msg}\n`);

function ensureSchemathesis() {
  const have = spawnSync(stBin, ['--version'], { encoding: 'utf8' });
  if (have.status === 0 && have.stdout.includes(SCHEMATHESIS_VERSION)) return;
  log(`installing schemathesis ${SCHEMATHESIS_VERSION} into .cache/fuzz-venv (first run only)`);
  const python = process.env.PYTHON || 'python3';
  const venvPython = path.join(venvDir, 'bin', 'python');
  if (fs.existsSync(venvDir) && spawnSync(venvPython, ['--version']).status !== 0) fs.rmSync(venvDir, { recursive: true, force: true }); // broken venv: start over
  if (!fs.existsSync(venvPython)) {
    const made = spawnSync(python, ['-m', 'venv', venvDir], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error(`${python} -m venv failed; install Python 3.9+ with venv (Debian: apt-get install python3-venv)`);
  }
  const pip = spawnSync(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], { stdio: 'inherit' });
  if (pip.status !== 0) throw new Error('pip install schemathesis failed');
}

async function api(base, method, p, { token, body } = {}) {
  const res = await fetch(base + p, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** SMS sign-in through the public endpoints, reading the code from the development outbox. */
async function smsLogin(base, phone) {
  await api(base, 'POST', '/api/auth/sms/send', { body: { phone } });
  const { messages } = await api(base, 'GET', `/api/dev/sms-outbox?phone=${phone}`);
  const code = /(\d{6})/.exec(messages[0]?.text ?? '')?.[1];
  if (!code) throw new Error(`no SMS code in the outbox for ${phone}`);
  return api(base, 'POST', '/api/auth/sms/login', { body: { phone, code } });
}

function schemathesisConfig(file, doc, params = {}) {
  const lines = [];
  const has = (method, p) => Boolean(doc.paths[p]?.[method.toLowerCase()]);
  // 503 is an expected answer of the WeChat routes only; every other operation keeps the default (2xx–4xx).
  for (const r of WECHAT_ROUTES.filter((w) => has(w.method, w.path))) {
    // include-name is the exact "METHOD /path" label (separate include-method / include-path would be OR-ed).
    lines.push('[[operations]]', `include-name = "${r.method} ${r.path}"`, 'checks.not_a_server_error.expected-statuses = ["2xx", "3xx", "4xx", "503"]', '');
  }
  for (const [key, values] of Object.entries(params)) {
    const [method, p] = key.split(' ');
    if (!has(method, p)) continue;
    lines.push('[[operations]]', `include-name = "${key}"`, ...Object.entries(values).map(([n, v]) => `parameters."path.${n}" = ${JSON.stringify(v)}`), '');
  }
  fs.writeFileSync(file, lines.join('\n'));
}

/** First `id` found in a list answer ({ items: [...] } or any array inside it). */
function firstId(json, pick = () => true) {
  const lists = Array.isArray(json) ? [json] : Object.values(json ?? {}).filter(Array.isArray);
  for (const list of lists) for (const item of list) if (item && typeof item.id === 'string' && pick(item)) return item.id;
  return null;
}

/**
 * Real records for path parameters, so the fuzzer reaches past "404 not found": a seeded employer's gig,
 * the worker's application to it, a published policy, a policy in the staff catalog, an employer in the
 * review queue. Returns, per run, "METHOD /path/{param}" → { param: value } (missing look-ups are skipped).
 */
async function realIds(base, tokens) {
  const ids = {};
  const tryGet = async (what, fn) => { try { ids[what] = await fn(); } catch (err) { log(`no ${what} for path parameters: ${err.message}`); } };
  await tryGet('gig', async () => firstId(await api(base, 'GET', '/api/employer/gigs', { token: tokens.employer }), (g) => g.status === 'open'));
  await tryGet('application', async () => ids.gig && (await api(base, 'POST', `/api/gigs/${ids.gig}/apply`, { token: tokens.worker })).id);
  await tryGet('policy', async () => firstId(await api(base, 'GET', '/api/policies?audience=individual', { token: tokens.worker })));
  await tryGet('staffPolicy', async () => firstId(await api(base, 'GET', '/api/staff/policies', { token: tokens.staff })));
  await tryGet('employerInQueue', async () => firstId(await api(base, 'GET', '/api/staff/employers/review', { token: tokens.staff })));
  const gig = { id: ids.gig }, app = { id: ids.application }, pol = { id: ids.policy };
  const table = {
    worker: {
      'GET /api/gigs/{id}': gig, 'POST /api/gigs/{id}/report': gig, 'POST /api/gigs/{id}/apply': gig,
      'POST /api/me/gig-applications/{id}/cancel': app, 'POST /api/me/gig-applications/{id}/confirm-pay': app, 'POST /api/me/gig-applications/{id}/rate': app,
      'GET /api/policies/{id}': pol, 'POST /api/policies/{id}/apply': pol,
    },
    employer: {
      'GET /api/employer/gigs/{id}': gig, 'POST /api/employer/gigs/{id}/close': gig,
      ...Object.fromEntries(['accept', 'decline', 'check-in', 'complete', 'settle', 'rate'].map((a) => [`POST /api/employer/gig-applications/{id}/${a}`, app])),
    },
    staff: {
      ...Object.fromEntries(['GET /api/staff/policies/{id}', 'PUT /api/staff/policies/{id}', 'POST /api/staff/policies/{id}/publish', 'POST /api/staff/policies/{id}/unpublish'].map((k) => [k, { id: ids.staffPolicy }])),
      'POST /api/staff/employers/{id}/review': { id: ids.employerInQueue }, 'POST /api/staff/gigs/{id}/review': gig,
    },
    city: Object.fromEntries(['PUT /api/staff/policies/{id}', 'POST /api/staff/policies/{id}/publish', 'POST /api/staff/policies/{id}/unpublish'].map((k) => [k, { id: ids.staffPolicy }])),
  };
  for (const run of Object.values(table)) for (const [k, v] of Object.entries(run)) if (Object.values(v).some((x) => !x)) delete run[k];
  return table;
}

/**
 * Which operations each run fuzzes, by the document's `x-access` rule: a role's run covers what that role
 * may call (public routes in the anonymous and worker runs, "any signed-in user" routes in every signed-in
 * run). A role calling another role's route is refused before its input is read, so fuzzing that would
 * only repeat 401/403 (the route × actor table tests those refusals).
 */
const RUN_COVERS = {
  anonymous: (a) => a === 'public',
  worker: (a) => a === 'public' || a === 'authenticated' || (Array.isArray(a) && a.includes('worker')),
  employer: (a) => a === 'authenticated' || (Array.isArray(a) && a.includes('employer')),
  staff: (a, op) => (a === 'authenticated' || (Array.isArray(a) && a.includes('staff'))) && op['x-staff-scope'] !== 'city',
  // The city administrator's run covers what only that scope may call (district staff get 403 there).
  city: (_a, op) => op['x-staff-scope'] === 'city',
};

/** The served OpenAPI document cut down to one run's operations; returns the file and the operation count. */
function documentFor(doc, role, workDir, params) {
  const copy = JSON.parse(JSON.stringify(doc));
  let count = 0;
  for (const [p, item] of Object.entries(copy.paths)) {
    for (const method of Object.keys(item)) {
      const access = item[method]['x-access'];
      if (access === undefined) throw new Error(`${method.toUpperCase()} ${p} has no x-access in the OpenAPI document`);
      if (RUN_COVERS[role](access, item[method])) count++;
      else delete item[method];
    }
    if (!Object.keys(item).length) delete copy.paths[p];
  }
  const file = path.join(workDir, `openapi-${role}.json`);
  fs.writeFileSync(file, JSON.stringify(copy));
  const configFile = path.join(workDir, `schemathesis-${role}.toml`);
  schemathesisConfig(configFile, copy, params);
  return { file, configFile, count };
}

function runSchemathesis({ base, role, token, workDir, configFile, schemaFile }) {
  const reportDir = path.join(workDir, `report-${role}`);
  const args = [
    '--config-file', configFile, '--no-color',
    'run', schemaFile, '--url', base,
    '--checks', process.env.FUZZ_CHECKS || 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
    '--max-examples', String(maxExamples),
    '--seed', String(seed),
    '--workers', '1',
    '--request-timeout', '20',
    '--generation-database', 'none',
    '--suppress-health-check', 'all',
    '--continue-on-failure',
    '--report', 'ndjson', '--report-dir', reportDir,
    ...(token ? ['-H', `Authorization: Bearer ${token}`] : []),
  ];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(stBin, args, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false', NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (b) => { out += b; });
    child.stderr.on('data', (b) => { out += b; });
    child.on('close', (code) => {
      fs.writeFileSync(path.join(workDir, `schemathesis-${role}.txt`), out);
      resolve({ role, code, out, seconds: Math.round((Date.now() - started) / 1000), ...tally(reportDir) });
    });
  });
}

/** Counts answers by status from the ndjson event stream and lists every 5xx that is not an allowed WeChat 503. */
function tally(reportDir) {
  const statuses = {};
  const serverErrors = [];
  const allowed503 = new Set();
  let requests = 0;
  const files = fs.existsSync(reportDir) ? fs.readdirSync(reportDir).filter((f) => f.endsWith('.ndjson')) : [];
  for (const f of files) {
    for (const line of fs.readFileSync(path.join(reportDir, f), 'utf8').split('\n')) {
      if (!line.includes('"status_code"')) continue;
      let ev;
      try { ev = JSON.parse(line); } catch { continue; }
      walk(ev, (node) => {
        const res = node.response;
        const req = node.request;
        if (!res || typeof res.status_code !== 'number' || !req?.uri) return;
        requests++;
        const s = res.status_code;
        statuses[s] = (statuses[s] ?? 0) + 1;
        if (s < 500) return;
        const p = new URL(req.uri).pathname;
        if (s === 503 && WECHAT_ROUTES.some((r) => r.method === req.method && r.path === p)) { allowed503.add(`${req.method} ${p}`); return; }
        serverErrors.push(`${s} ${req.method} ${p}${req.body ? ` body=${decodeBody(req.body).slice(0, 300)}` : ''}`);
      });
    }
  }
  return { statuses, serverErrors: [...new Set(serverErrors)], allowed503: [...allowed503], requests };
}

function decodeBody(b) {
  if (typeof b === 'string') return b;
  if (b?.string !== undefined) return b.string;
  if (b?.base64) return Buffer.from(b.base64, 'base64').toString('utf8');
  return JSON.stringify(b);
}

function walk(node, visit, seen = new Set()) {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (node.request && node.response) visit(node);
  for (const v of Object.values(node)) walk(v, visit, seen);
}

async function main() {
  const began = Date.now();
  ensureSchemathesis();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-fuzz-'));
  const cleanup = [];
  let removeWorkDir = false;
  const stopAll = async () => {
    while (cleanup.length) await cleanup.pop()().catch(() => undefined);
    if (removeWorkDir) fs.rmSync(workDir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => { void stopAll().then(() => process.exit(130)); });
  try {
    const db = await startFerretDB({ dataDir: path.join(workDir, 'db') });
    cleanup.push(() => db.stop());
    const uri = `${db.uri}/fuzz`;
    const port = await freePort();
    const wechatPort = await freePort(); // nothing listens here: WeChat is unreachable on purpose
    const env = {
      NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), MONGODB_URI: uri, LOG_LEVEL: 'error',
      WECHAT_API_BASE: `http://127.0.0.1:${wechatPort}`, WECHAT_TIMEOUT_MS: '500',
      // Limits raised so that 429s do not hide the SMS endpoints from the fuzzer (they are still exercised: 4xx is fine).
      SMS_IP_HOURLY_LIMIT: '10000', SMS_PHONE_HOURLY_LIMIT: '100', SMS_PHONE_COOLDOWN_SECONDS: '1',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    };
    const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
    const seeded = spawnSync(tsx, [path.join(repoRoot, 'bff', 'src', 'cli', 'seed.ts')], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env } });
    if (seeded.status !== 0) throw new Error(`demo seed failed:\n${seeded.stdout}${seeded.stderr}`);
    const server = bff.startBff(env, { inherit: false });
    const bffLog = fs.createWriteStream(path.join(workDir, 'bff.log'));
    server.child.stdout.pipe(bffLog);
    server.child.stderr.pipe(bffLog);
    cleanup.push(() => server.stop());
    await server.listening;
    const base = `http://127.0.0.1:${port}`;
    log(`BFF on ${base}, FerretDB on ${db.uri}, WeChat API base ${env.WECHAT_API_BASE} (unreachable on purpose); work dir ${workDir}`);

    const tokens = { anonymous: null };
    tokens.worker = (await smsLogin(base, '13900000001')).accessToken;
    const employer = await smsLogin(base, '13800000101');
    tokens.employer = (await api(base, 'POST', '/api/me/role', { token: employer.accessToken, body: { role: 'employer' } })).accessToken;
    tokens.staff = (await smsLogin(base, '13800000000')).accessToken;
    tokens.city = (await smsLogin(base, '13800000009')).accessToken;
    log(`signed in: worker, employer (seeded 13800000101), staff (seeded 13800000000), city administrator (seeded 13800000009); max ${maxExamples} examples per operation, seed ${seed}`);

    const doc = await api(base, 'GET', '/api/openapi.json');
    const params = await realIds(base, tokens);
    log(`real records for path parameters: ${Object.entries(params).map(([r, t]) => `${r} ${Object.keys(t).length}`).join(', ')} operations`);
    const results = [];
    for (const role of roles) {
      if (!(role in tokens)) throw new Error(`unknown role ${role} in FUZZ_ROLES`);
      const { file: schemaFile, configFile, count } = documentFor(doc, role, workDir, params[role]);
      log(`schemathesis as ${role}: ${count} operations…`);
      const r = await runSchemathesis({ base, role, token: tokens[role], workDir, configFile, schemaFile });
      results.push(r);
      const failed = r.code !== 0 || r.serverErrors.length > 0;
      if (failed || process.env.FUZZ_VERBOSE) process.stdout.write(r.out.split('\n').slice(-200).join('\n') + '\n');
      log(`${role}: ${r.requests} requests in ${r.seconds}s, statuses ${JSON.stringify(r.statuses)}, schemathesis exit ${r.code}`);
    }

    const bad = results.filter((r) => r.code !== 0 || r.serverErrors.length > 0);
    process.stdout.write('\n==> fuzz summary\n');
    for (const r of results) {
      process.stdout.write(`  ${r.role.padEnd(9)} ${r.code === 0 && !r.serverErrors.length ? 'ok  ' : 'FAIL'} ${String(r.requests).padStart(5)} requests ${String(r.seconds).padStart(4)}s  5xx: ${r.serverErrors.length}` +
        `${r.allowed503.length ? `  (allowed 503 WeChat unreachable: ${r.allowed503.join(', ')})` : ''}\n`);
      for (const e of r.serverErrors.slice(0, 20)) process.stdout.write(`      ${e}\n`);
    }
    process.stdout.write(`  total ${Math.round((Date.now() - began) / 1000)}s, seed ${seed} (FUZZ_SEED=${seed} replays it)\n`);
    if (bad.length) {
      process.stdout.write(`  logs and reports kept in ${workDir}\n`);
      process.exitCode = 1;
    } else if (!process.env.FUZZ_KEEP) {
      removeWorkDir = true;
    }
  } finally {
    await stopAll();
  }
}

main().catch((err) => {
  process.stderr.write(`[fuzz] ${err.stack || err.message}\n`);
  process.exit(1);
});
