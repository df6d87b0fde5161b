// Runs every benchmark in sequence (`npm run bench`): one throwaway FerretDB is started here (unless
// BENCH_MONGODB_URI names a database) and shared, so the 100,000-gig data set is loaded only once.
// Prints each script's output, then a summary of all PASS/FAIL verdicts; exits 1 if any failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { startFerretDB } = require('../lib/ferretdb.js');
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

const SCRIPTS = [
  { file: 'nearby.ts', env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim() } },
  { file: 'hot-reads.ts', env: {} },
  { file: 'policy-calc.ts', env: {} },
  { file: 'weak-network.ts', env: {} },
  { file: 'load.ts', env: {} },
];

function run(file, env) {
  return new Promise((resolve) => {
    const child = spawn(tsx, [path.join(here, file)], { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const started = Date.now();
const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-')), 'results.jsonl');
let db = null;
let dataDir = null;
let uri = process.env.BENCH_MONGODB_URI;
if (!uri) {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-db-'));
  db = await startFerretDB({ dataDir });
  uri = `${db.uri}/bench`;
}
console.log(`benchmarks on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; database ${uri}\n`);

const codes = {};
try {
  for (const s of SCRIPTS) {
    console.log(`\n=== ${s.file} ${'='.repeat(Math.max(0, 70 - s.file.length))}`);
    codes[s.file] = await run(s.file, { ...s.env, BENCH_MONGODB_URI: uri, BENCH_RESULTS: resultsFile });
  }
} finally {
  if (db) await db.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

const lines = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
console.log(`\n=== summary (${Math.round((Date.now() - started) / 1000)} s; load average now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}) ${'='.repeat(20)}`);
for (const { script, verdicts } of lines) for (const v of verdicts) console.log(`${v.pass ? 'PASS' : 'FAIL'}  [${script}] ${v.target}: ${v.figure}`);
for (const s of SCRIPTS) if (!lines.some((l) => l.script === s.file.replace(/\.ts$/, '')) ) console.log(`FAIL  [${s.file}] did not finish (exit ${codes[s.file]})`);
fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
const failed = lines.some((l) => l.verdicts.some((v) => !v.pass)) || SCRIPTS.some((s) => !lines.some((l) => l.script === s.file.replace(/\.ts$/, '')));
process.exit(failed ? 1 : 0);
