/**
 * 长辈模式 on a narrow phone: sizes are 750-wide design px, so on a 360 px wide screen one design px is
 * 0.48 CSS px. Text must stay ≥ 18 px (38 design px) and tap targets ≥ 44 px (92 design px).
 */
import fs from 'node:fs'
import path from 'node:path'

 
const { selectorsOf } = require('../../scripts/lib/weapp-check.js') as { selectorsOf: (css: string) => string[] }

const SRC = path.resolve(__dirname, '../src')
const NARROW = 360 / 750
const MIN_TEXT = Math.ceil(18 / NARROW) // 38
const MIN_TAP = Math.ceil(44 / NARROW) // 92

// Classes people tap. Each needs min-height (or height) ≥ MIN_TAP in elder mode.
const TAP_TARGETS = ['.btn', '.btn-small', '.chip', '.seg__item', '.segmented__item', '.row', '.input', '.pol-chip', '.pol-opt', '.choice', '.check', '.gig-check', '.switch-row']
// Not inside `.page` (H5 tab bar is drawn by Taro outside the page root).
const OUTSIDE_PAGE = ['.weui-tabbar .weui-tabbar__label']

type Rule = { selector: string; decl: Record<string, string>; file: string }

function cssFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? cssFiles(p) : e.name.endsWith('.css') ? [p] : []
  })
}

function rulesOf(file: string): Rule[] {
  const css = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
  const rules: Rule[] = []
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const decl: Record<string, string> = {}
    for (const d of m[2].split(';')) {
      const i = d.indexOf(':')
      if (i > 0) decl[d.slice(0, i).trim()] = d.slice(i + 1).trim()
    }
    for (const selector of selectorsOf(`${m[1]}{}`)) rules.push({ selector, decl, file: path.relative(SRC, file) })
  }
  return rules
}

const rules = cssFiles(SRC).flatMap(rulesOf)
const px = (v: string | undefined) => (v && /^\d+(\.\d+)?px$/.test(v) ? parseFloat(v) : null)
const elderRule = (sel: string, prop: string) => rules.filter((r) => r.selector === `.page--elder ${sel}` && r.decl[prop] !== undefined).at(-1)

test('the css was read', () => {
  expect(rules.length).toBeGreaterThan(100)
  expect(MIN_TEXT).toBe(38)
  expect(MIN_TAP).toBe(92)
})

test('every font size below 18 px on a 360 px phone has a 长辈模式 override that reaches it', () => {
  const small = rules.filter((r) => !r.selector.startsWith('.page--elder') && !OUTSIDE_PAGE.includes(r.selector) && (px(r.decl['font-size']) ?? Infinity) < MIN_TEXT)
  expect(small.length).toBeGreaterThan(0) // .txt-sm and friends
  const bad = small
    .map((r) => ({ r, elder: px(elderRule(r.selector, 'font-size')?.decl['font-size']) }))
    .filter(({ elder }) => elder === null || elder < MIN_TEXT)
    .map(({ r, elder }) => `${r.file}: ${r.selector} ${r.decl['font-size']} → elder ${elder === null ? 'none' : `${elder}px`}`)
  expect(bad).toEqual([])
})

test('every 长辈模式 font size reaches 18 px on a 360 px phone', () => {
  const bad = rules.filter((r) => r.selector.startsWith('.page--elder') && (px(r.decl['font-size']) ?? Infinity) < MIN_TEXT).map((r) => `${r.file}: ${r.selector} ${r.decl['font-size']}`)
  expect(bad).toEqual([])
})

test('tap targets are at least 44 px tall in 长辈模式 on a 360 px phone', () => {
  const bad = TAP_TARGETS.flatMap((sel) => {
    const base = rules.filter((r) => r.selector === sel)
    if (!base.length) return [`${sel}: no rule found`]
    const height = (r: Rule | undefined) => px(r?.decl['min-height']) ?? px(r?.decl.height)
    const elder = height(elderRule(sel, 'min-height') ?? elderRule(sel, 'height'))
    const normal = Math.max(...base.map((r) => height(r) ?? 0))
    const effective = elder ?? normal
    return effective >= MIN_TAP ? [] : [`${sel}: ${effective}px (${(effective * NARROW).toFixed(1)} px at 360)`]
  })
  expect(bad).toEqual([])
})
