#!/usr/bin/env node
// Package size report for the WeChat mini-program build (plain Node ESM, no dependencies).
// Usage: node scripts/size-report.mjs [distDir]   (default: miniapp/dist/weapp)
// Exit 0 = within budget, 1 = over budget, 2 = build output missing/unreadable.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import lib from './lib/weapp-check.js'

// Budgets live in scripts/lib/weapp-check.js (shared with scripts/weapp-check.mjs).
const { KB, MAIN_BUDGET_KB, SUB_BUDGET_KB, WECHAT_LIMIT_KB } = lib

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dist = resolve(process.argv[2] ?? join(root, 'miniapp/dist/weapp'))
const appJsonPath = join(dist, 'app.json')

if (!existsSync(appJsonPath)) {
  console.error(`size-report: no build output at ${relative(process.cwd(), dist) || dist} (app.json missing).`)
  console.error('Run `npm run build:weapp -w miniapp` first.')
  process.exit(2)
}

let appJson
try {
  appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'))
} catch (err) {
  console.error(`size-report: cannot parse ${appJsonPath}: ${err.message}`)
  process.exit(2)
}

const sizes = lib.packageSizes(dist, appJson)

const fmt = (bytes) => (bytes / KB).toFixed(1)
const rows = [...sizes].map(([name, s]) => {
  const budget = name === '(main)' ? MAIN_BUDGET_KB : SUB_BUDGET_KB
  const over = s.bytes > budget * KB
  return { name: name === '(main)' ? 'main package' : `sub: ${name}`, kb: fmt(s.bytes), files: String(s.files), budget: `${budget}`, status: over ? 'OVER' : 'ok', over }
})
const total = [...sizes.values()].reduce((a, s) => a + s.bytes, 0)

const head = ['package', 'size KB', 'files', 'budget KB', 'status']
const table = [head, ...rows.map((r) => [r.name, r.kb, r.files, r.budget, r.status]), ['total', fmt(total), '', '', '']]
const widths = head.map((_, i) => Math.max(...table.map((row) => row[i].length)))
const line = (row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')

console.log(`Mini-program package sizes (${relative(root, dist) || dist})`)
console.log(line(head))
console.log(widths.map((w) => '-'.repeat(w)).join('  '))
for (const row of table.slice(1)) console.log(line(row))
console.log(`Budgets: main ≤ ${MAIN_BUDGET_KB} KB, each subpackage ≤ ${SUB_BUDGET_KB} KB. WeChat hard limit: ${WECHAT_LIMIT_KB / 1024} MB per package.`)

const over = rows.filter((r) => r.over)
if (over.length) {
  console.error(`size-report: over budget: ${over.map((r) => `${r.name} (${r.kb} KB > ${r.budget} KB)`).join(', ')}`)
  process.exit(1)
}
