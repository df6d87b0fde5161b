// `npm test`: ESLint and the typecheck, every workspace's jest suites against a real FerretDB (or MONGODB_URI), then the
// WeChat build with its static checks (scripts/weapp-check.mjs), then the H5 build and end-to-end
// tests in headless Chromium. Prints one closing "N passed, N failed" line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ferret from './lib/ferretdb.js';
import h5 from './lib/h5.js';

const { repoRoot, ensureFerretDB } = ferret;
const jestBin = path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-test-'));

if (!process.env.MONGODB_URI) {
  try {
    await ensureFerretDB();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

function runJest(name, args) {
  const out = path.join(tmp, `${name}.json`);
  const r = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${out}`, ...args, ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' });
  let passed = 0;
  let failed = 0;
  if (fs.existsSync(out)) {
    const res = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed = res.numPassedTests;
    failed = res.numFailedTests + (res.numRuntimeErrorTestSuites || 0);
  }
  return { ok: r.status === 0, passed, failed };
}

const results = [];
// Static checks first (a minute): ESLint with zero warnings (eslint.config.mjs), then the TypeScript
// check of shared, bff and the mini-program. Each counts as one test.
for (const [name, script] of [['lint', 'lint'], ['typecheck', 'typecheck']]) {
  process.stderr.write(`[${name}] npm run ${script}…\n`);
  const ok = spawnSync('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: 'inherit' }).status === 0;
  if (!ok) console.error(`${name} failed`);
  results.push({ ok, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}
results.push(runJest('unit', ['--config', 'jest.config.js']));

// One weapp build (~30–60 s), then pages/subpackages, tab icons, requiredPrivateInfos, DOM globals,
// WXSS selectors and size budgets over miniapp/dist/weapp. SKIP_WEAPP_BUILD=1 checks the existing build.
{
  let ok = true;
  if (!process.env.SKIP_WEAPP_BUILD) {
    process.stderr.write('[weapp] building the mini-program (taro build --type weapp)…\n');
    const b = spawnSync('npm', ['run', 'build:weapp', '-w', 'miniapp'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (b.status !== 0) { console.error('weapp build failed'); ok = false; }
  }
  if (ok) ok = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'weapp-check.mjs')], { cwd: repoRoot, stdio: 'inherit' }).status === 0;
  results.push({ ok, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}

let h5ok = true;
try {
  h5.ensureH5({ force: !process.env.SKIP_H5_BUILD });
} catch (err) {
  console.error(err.message);
  h5ok = false;
}
if (h5ok) results.push(runJest('e2e', ['--config', 'scripts/e2e/jest.config.js', '--runInBand']));

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0) + (h5ok ? 0 : 1);
const ok = h5ok && results.every((r) => r.ok) && passed > 0;
console.log(`\n${passed} passed, ${failed} failed`);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
