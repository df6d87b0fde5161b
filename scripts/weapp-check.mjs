#!/usr/bin/env node
// Static checks over the WeChat build: pages and subpackages exist, tab-bar icons, requiredPrivateInfos
// against the location APIs the code calls, no browser globals, WXSS selectors, size budgets.
// Usage: node scripts/weapp-check.mjs [distDir]   (default: miniapp/dist/weapp)
// Exit 0 = clean, 1 = problems found, 2 = build output missing/unreadable.
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import lib from './lib/weapp-check.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dist = resolve(process.argv[2] ?? join(root, 'miniapp/dist/weapp'))

let result
try {
  result = lib.checkWeapp(dist)
} catch (err) {
  console.error(`weapp-check: ${err.message}`)
  process.exit(2)
}
const where = relative(process.cwd(), dist) || dist
const sizes = [...result.sizes].map(([n, s]) => `${n === '(main)' ? 'main' : n} ${(s.bytes / lib.KB).toFixed(1)} KB`).join(', ')
if (result.problems.length) {
  console.error(`weapp-check: ${result.problems.length} problem(s) in ${where}:`)
  for (const p of result.problems) console.error(`  - ${p}`)
  process.exit(1)
}
console.log(`weapp-check: ${where} ok (${sizes}; location APIs: ${result.locationApis.join(', ') || 'none'})`)
