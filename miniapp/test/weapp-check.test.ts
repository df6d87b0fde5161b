/**
 * scripts/lib/weapp-check.js against small hand-made builds: a clean one passes, and each kind of breakage
 * is reported. `npm test` runs the same checker over the real miniapp/dist/weapp (scripts/test.mjs).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'

 
const lib = require('../../scripts/lib/weapp-check.js') as {
  checkWeapp: (dist: string) => { problems: string[]; locationApis: string[] }
  selectorsOf: (css: string) => string[]
  MAIN_BUDGET_KB: number
  SUB_BUDGET_KB: number
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e10000000049454e44ae426082', 'hex')

const appJson = () => ({
  pages: ['pages/index/index', 'pages/mine/index'],
  subPackages: [{ root: 'packages/worker', pages: ['pages/detail/index'] }],
  tabBar: {
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/home.png', selectedIconPath: 'assets/home-on.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/mine.png', selectedIconPath: 'assets/mine-on.png' },
    ],
  },
  requiredPrivateInfos: ['getLocation'],
  permission: { 'scope.userLocation': { desc: '查找附近的岗位' } },
})

let dist: string
const write = (rel: string, content: string | Buffer) => {
  const file = path.join(dist, rel)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, content)
}
const append = (rel: string, content: string) => fs.appendFileSync(path.join(dist, rel), content)
const setAppJson = (edit: (j: ReturnType<typeof appJson>) => void) => {
  const j = appJson()
  edit(j)
  write('app.json', JSON.stringify(j))
}
const problems = () => lib.checkWeapp(dist).problems

beforeEach(() => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-check-'))
  write('app.json', JSON.stringify(appJson()))
  for (const page of ['pages/index/index', 'pages/mine/index', 'packages/worker/pages/detail/index']) {
    write(`${page}.js`, 'require("../../common");Page({});')
    write(`${page}.wxml`, '<import src="../../base.wxml"/>')
    write(`${page}.json`, '{"usingComponents":{}}')
  }
  for (const icon of ['home', 'home-on', 'mine', 'mine-on']) write(`assets/${icon}.png`, PNG)
  // Taro's runtime chunk names every wx API and uses its own document shim: not app code.
  write('taro.js', 'var api=["getFuzzyLocation","chooseLocation"];document.createElement("view");window.addEventListener')
  // What the real build contains: a location call and the husk of an h5-only branch.
  write('common.js', 'function l(){return a().getLocation({type:"wgs84"})};var u=(e(3544)["URL"],e(3544)["document"],{a:1});')
  write('app-origin.wxss', 'page,body{color:#111}.a .b>.c{width:calc(100% * 2)}@media (max-width:1px){.d{color:red}}@keyframes k{from{opacity:0}50%{opacity:.5}to{opacity:1}}.e::after{content:"[*]"}')
})
afterEach(() => fs.rmSync(dist, { recursive: true, force: true }))

test('a clean build passes', () => {
  expect(problems()).toEqual([])
  expect(lib.checkWeapp(dist).locationApis).toEqual(['getLocation'])
})

test('a page or subpackage page without its .js/.wxml/.json fails', () => {
  fs.rmSync(path.join(dist, 'packages/worker/pages/detail/index.wxml'))
  fs.rmSync(path.join(dist, 'pages/mine/index.js'))
  expect(problems()).toEqual([
    'page pages/mine/index: pages/mine/index.js missing',
    'page packages/worker/pages/detail/index: packages/worker/pages/detail/index.wxml missing',
  ])
})

test('tab-bar icons must exist, be png/jpg and stay within 40 KB; tab pages must be in the main package', () => {
  fs.rmSync(path.join(dist, 'assets/home-on.png'))
  write('assets/mine.png', Buffer.concat([PNG, Buffer.alloc(41 * 1024)]))
  setAppJson((j) => {
    j.tabBar.list.push({ pagePath: 'packages/worker/pages/detail/index', text: '详情', iconPath: 'assets/d.svg', selectedIconPath: 'assets/home.png' })
  })
  write('assets/d.svg', '<svg/>')
  expect(problems()).toEqual([
    'tabBar icon assets/home-on.png: missing',
    expect.stringMatching(/^tabBar icon assets\/mine\.png: 41\.\d KB > 40 KB$/),
    'tabBar: packages/worker/pages/detail/index is not a main-package page (tab pages cannot live in a subpackage)',
    'tabBar icon assets/d.svg: must be .png, .jpg or .jpeg',
  ])
})

test('every location API the code calls must be in requiredPrivateInfos (with its permission text)', () => {
  append('packages/worker/pages/detail/index.js', 'o().chooseLocation({});i.onLocationChange(function(){});')
  setAppJson((j) => {
    j.requiredPrivateInfos = ['getLocation', 'getFuzzyLocation', 'getPosition']
    delete (j as { permission?: unknown }).permission
  })
  expect(problems().sort()).toEqual([
    'permission: the build calls getLocation but app.json has no permission["scope.userLocation"].desc',
    'permission: the build calls onLocationChange but app.json has no permission["scope.userLocation"].desc',
    'requiredPrivateInfos: getLocation and getFuzzyLocation cannot both be declared',
    'requiredPrivateInfos: the build calls chooseLocation but app.json does not declare it',
    'requiredPrivateInfos: the build calls onLocationChange but app.json does not declare it',
    'requiredPrivateInfos: unknown value getPosition',
  ])
})

test('browser globals in app code fail, raw or through Taro\'s ProvidePlugin shim', () => {
  append('pages/index/index.js', 'var t=localStorage.getItem("k");')
  append('pages/mine/index.js', 'var i=t(3544)["document"],s=t(3544)["window"];i.title=s.innerWidth;')
  append('packages/worker/pages/detail/index.js', 'n(3544)["location"].href;')
  append('common.js', 'x.document.title;var o={window:1};')
  expect(problems()).toEqual([
    expect.stringMatching(/^packages\/worker\/pages\/detail\/index\.js: uses browser globals location /),
    expect.stringMatching(/^pages\/index\/index\.js: uses browser globals localStorage /),
    expect.stringMatching(/^pages\/mine\/index\.js: uses browser globals document, window /),
  ])
})

test('WXSS selectors WeChat does not support fail, also inside @media', () => {
  append('app-origin.wxss', '*{margin:0}.x,.y [type=text]{color:red}@media (min-width:1px){.z *{padding:0}}')
  write('packages/worker/pages/detail/index.wxss', 'input[disabled]{opacity:.5}')
  expect(problems()).toEqual([
    'app-origin.wxss: WXSS does not support `*` (universal selector *)',
    'app-origin.wxss: WXSS does not support `.y [type=text]` (attribute selector)',
    'app-origin.wxss: WXSS does not support `.z *` (universal selector *)',
    'packages/worker/pages/detail/index.wxss: WXSS does not support `input[disabled]` (attribute selector)',
  ])
})

test('selectors are read from rules, not from declarations, strings or keyframes', () => {
  expect(lib.selectorsOf('/* * */ .a, .b > .c { width: calc(1px * 2); } @media (x) { .d { content: "[x]" } } @keyframes k { from { } 50% { } }')).toEqual(['.a', '.b > .c', '.d'])
})

test('packages over budget fail', () => {
  write('big-main.js', Buffer.alloc(lib.MAIN_BUDGET_KB * 1024))
  write('packages/worker/big.js', Buffer.alloc(lib.SUB_BUDGET_KB * 1024 + 1))
  expect(problems()).toEqual([
    expect.stringMatching(/^size: main package is 4\d\d\.\d KB > 420 KB budget$/),
    expect.stringMatching(/^size: subpackage packages\/worker is 400\.\d KB > 400 KB budget$/),
  ])
})

test('the CLI exits 1 on a broken build, 0 on a clean one, 2 without a build', () => {
  const cli = path.resolve(__dirname, '../../scripts/weapp-check.mjs')
  const run = (dir: string) => spawnSync(process.execPath, [cli, dir], { encoding: 'utf8' })
  expect(run(dist).status).toBe(0)
  append('app-origin.wxss', '*{margin:0}')
  const broken = run(dist)
  expect(broken.status).toBe(1)
  expect(broken.stderr).toContain('WXSS does not support `*`')
  expect(run(path.join(dist, 'nope')).status).toBe(2)
})
