'use strict';
// Static checks over a WeChat mini-program build (miniapp/dist/weapp): things the WeChat developer tool
// or the upload would reject, or that break only on a phone. Plain Node, no dependencies.
// Used by scripts/weapp-check.mjs (CLI, `npm test`) and scripts/size-report.mjs (budgets).
const fs = require('node:fs');
const path = require('node:path');

const KB = 1024;
const MAIN_BUDGET_KB = 420; // an empty Taro 4 React app is ~340 KB
const SUB_BUDGET_KB = 400;
const WECHAT_LIMIT_KB = 2048; // WeChat hard limit per package (main or sub)
const TAB_ICON_LIMIT_KB = 40; // WeChat tabBar iconPath/selectedIconPath limit

// Chunks that hold Taro's runtime, React and webpack's loader. They name every wx API and use Taro's
// own document/window shims; app code lives in app.js, common.js, pages and subpackages.
const RUNTIME_CHUNKS = new Set(['taro.js', 'vendors.js', 'runtime.js']);

// Values WeChat accepts in requiredPrivateInfos; getLocation and getFuzzyLocation exclude each other.
const LOCATION_APIS = ['getLocation', 'getFuzzyLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground', 'chooseLocation', 'choosePoi', 'chooseAddress'];
const SCOPE_OF = { getLocation: 'scope.userLocation', startLocationUpdate: 'scope.userLocation', onLocationChange: 'scope.userLocation', startLocationUpdateBackground: 'scope.userLocationBackground', getFuzzyLocation: 'scope.userFuzzyLocation' };

// Browser globals that do not exist in the mini-program (Taro shims document/window/location/history
// through webpack's ProvidePlugin as `n(123)["document"]`; localStorage/sessionStorage are simply absent).
const DOM_GLOBALS = ['document', 'window', 'localStorage', 'sessionStorage', 'location', 'history'];

function* walk(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

const rel = (dist, file) => path.relative(dist, file).split(path.sep).join('/');
const trimSlashes = (s) => String(s ?? '').replace(/^\/+|\/+$/g, '');

function readAppJson(dist) {
  const p = path.join(dist, 'app.json');
  if (!fs.existsSync(p)) throw new Error(`no build output at ${dist} (app.json missing); run \`npm run build:weapp\` first`);
  return JSON.parse(fs.readFileSync(p, 'utf8'));
}

const subPackagesOf = (appJson) => [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])];
const subRootsOf = (appJson) => subPackagesOf(appJson).map((p) => trimSlashes(p.root)).filter(Boolean);

/** Bytes per package: '(main)' and each subpackage root. Source maps and licence files are not uploaded. */
function packageSizes(dist, appJson = readAppJson(dist)) {
  const roots = subRootsOf(appJson);
  const sizes = new Map([['(main)', { bytes: 0, files: 0 }], ...roots.map((r) => [r, { bytes: 0, files: 0 }])]);
  for (const file of walk(dist)) {
    const r = rel(dist, file);
    if (r.endsWith('.map') || r.endsWith('.LICENSE.txt')) continue;
    const owner = roots.find((root) => r === root || r.startsWith(root + '/')) ?? '(main)';
    const s = sizes.get(owner);
    s.bytes += fs.statSync(file).size;
    s.files += 1;
  }
  return sizes;
}

function checkPages(dist, appJson, problems) {
  const mainPages = appJson.pages ?? [];
  if (!mainPages.length) problems.push('app.json: no pages');
  const all = [...mainPages.map((p) => trimSlashes(p))];
  for (const sub of subPackagesOf(appJson)) {
    const root = trimSlashes(sub.root);
    if (!root) problems.push('app.json: a subpackage has no root');
    for (const p of sub.pages ?? []) all.push(`${root}/${trimSlashes(p)}`);
  }
  const seen = new Set();
  for (const page of all) {
    if (seen.has(page)) problems.push(`app.json: page ${page} is listed twice`);
    seen.add(page);
    for (const ext of ['.js', '.wxml', '.json']) {
      if (!fs.existsSync(path.join(dist, page + ext))) problems.push(`page ${page}: ${page}${ext} missing`);
    }
  }
  return new Set(mainPages.map((p) => trimSlashes(p)));
}

function checkTabBar(dist, appJson, mainPages, problems) {
  for (const item of appJson.tabBar?.list ?? []) {
    const page = trimSlashes(item.pagePath);
    if (!mainPages.has(page)) problems.push(`tabBar: ${page} is not a main-package page (tab pages cannot live in a subpackage)`);
    for (const key of ['iconPath', 'selectedIconPath']) {
      if (!item[key]) continue;
      const icon = trimSlashes(item[key]);
      const file = path.join(dist, icon);
      if (!/\.(png|jpe?g)$/i.test(icon)) problems.push(`tabBar icon ${icon}: must be .png, .jpg or .jpeg`);
      if (!fs.existsSync(file)) problems.push(`tabBar icon ${icon}: missing`);
      else if (fs.statSync(file).size > TAB_ICON_LIMIT_KB * KB) problems.push(`tabBar icon ${icon}: ${(fs.statSync(file).size / KB).toFixed(1)} KB > ${TAB_ICON_LIMIT_KB} KB`);
    }
  }
}

// Calls look like `x().getLocation({` or `x.getLocation(` after minification (also `["getLocation"](`).
const callOf = (api) => new RegExp(`(?:\\.${api}|\\["${api}"\\])\\s*\\(`);

function checkJs(dist, appJson, problems) {
  const used = new Set();
  const rawDom = new RegExp(`(^|[^.\\w$"'])(${DOM_GLOBALS.join('|')})\\s*(\\.|\\[)`, 'g');
  // A provided global is a problem when its value is used: bound (`=`, `:`, `?`), or accessed/called.
  // A bare `n(1)["document"],` in a comma list is what survives of code removed for TARO_ENV !== 'h5'.
  const provided = new RegExp(`([=:?(,]?)\\s*[\\w$]+\\(\\d+\\)\\["(${DOM_GLOBALS.join('|')})"\\]\\s*([.[(]?)`, 'g');
  for (const file of walk(dist)) {
    const r = rel(dist, file);
    if (!r.endsWith('.js') || RUNTIME_CHUNKS.has(r)) continue;
    const src = fs.readFileSync(file, 'utf8');
    for (const api of LOCATION_APIS) if (callOf(api).test(src)) used.add(api);
    const hits = new Set();
    for (const m of src.matchAll(rawDom)) hits.add(m[2]);
    for (const m of src.matchAll(provided)) if (/[=:?]/.test(m[1]) || m[3]) hits.add(m[2]);
    if (hits.size) problems.push(`${r}: uses browser globals ${[...hits].sort().join(', ')} (not available in the mini-program; use Taro APIs or guard with TARO_ENV === 'h5')`);
  }
  const declared = new Set(appJson.requiredPrivateInfos ?? []);
  for (const d of declared) if (!LOCATION_APIS.includes(d)) problems.push(`requiredPrivateInfos: unknown value ${d}`);
  if (declared.has('getLocation') && declared.has('getFuzzyLocation')) problems.push('requiredPrivateInfos: getLocation and getFuzzyLocation cannot both be declared');
  for (const api of used) {
    if (!declared.has(api)) problems.push(`requiredPrivateInfos: the build calls ${api} but app.json does not declare it`);
    const scope = SCOPE_OF[api];
    if (scope && !appJson.permission?.[scope]?.desc) problems.push(`permission: the build calls ${api} but app.json has no permission["${scope}"].desc`);
  }
  return used;
}

/** Selectors of a stylesheet (comments, strings and declarations dropped; @keyframes skipped). */
function selectorsOf(css) {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');
  const out = [];
  let i = 0;
  let start = 0;
  const stack = []; // 'rule' | 'at' | 'skip'
  while (i < text.length) {
    const ch = text[i];
    if (ch === '{') {
      const prelude = text.slice(start, i).trim();
      const inSkip = stack.includes('skip') || stack.at(-1) === 'rule';
      if (inSkip) stack.push('skip');
      else if (prelude.startsWith('@')) stack.push(/^@(-\w+-)?keyframes\b|^@font-face\b|^@page\b/.test(prelude) ? 'skip' : 'at');
      else {
        stack.push('rule');
        out.push(...prelude.split(',').map((s) => s.trim()).filter(Boolean));
      }
      start = i + 1;
    } else if (ch === '}') {
      stack.pop();
      start = i + 1;
    } else if (ch === ';' && stack.at(-1) !== 'rule') {
      start = i + 1; // @import …; @charset …;
    }
    i += 1;
  }
  return out;
}

// WXSS documents .class, #id, element, grouping, ::after and ::before; the universal selector fails to
// compile and attribute selectors are refused in components (and match nothing Taro renders).
function selectorProblem(sel) {
  if (sel.includes('[')) return 'attribute selector';
  if (sel.includes('*')) return 'universal selector *';
  return null;
}

function checkWxss(dist, problems) {
  for (const file of walk(dist)) {
    const r = rel(dist, file);
    if (!r.endsWith('.wxss')) continue;
    const bad = new Map();
    for (const sel of selectorsOf(fs.readFileSync(file, 'utf8'))) {
      const why = selectorProblem(sel);
      if (why && bad.size < 5) bad.set(sel, why);
    }
    for (const [sel, why] of bad) problems.push(`${r}: WXSS does not support \`${sel}\` (${why})`);
  }
}

function checkSizes(dist, appJson, problems) {
  const sizes = packageSizes(dist, appJson);
  for (const [name, s] of sizes) {
    const budget = name === '(main)' ? MAIN_BUDGET_KB : SUB_BUDGET_KB;
    const label = name === '(main)' ? 'main package' : `subpackage ${name}`;
    if (s.bytes > budget * KB) problems.push(`size: ${label} is ${(s.bytes / KB).toFixed(1)} KB > ${budget} KB budget`);
  }
  return sizes;
}

/** Runs every check; returns { problems: string[], locationApis, sizes }. Throws if app.json is missing. */
function checkWeapp(dist) {
  const appJson = readAppJson(dist);
  const problems = [];
  const mainPages = checkPages(dist, appJson, problems);
  checkTabBar(dist, appJson, mainPages, problems);
  const locationApis = checkJs(dist, appJson, problems);
  checkWxss(dist, problems);
  const sizes = checkSizes(dist, appJson, problems);
  return { problems, locationApis: [...locationApis].sort(), sizes };
}

module.exports = { checkWeapp, packageSizes, readAppJson, selectorsOf, subRootsOf, KB, MAIN_BUDGET_KB, SUB_BUDGET_KB, WECHAT_LIMIT_KB, TAB_ICON_LIMIT_KB };
