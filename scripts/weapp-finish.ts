// After `taro build --type weapp`: writes sitemap.json from the built app.json, and for a release build
// (WEAPP_RELEASE=1, `npm run release:weapp`) project.config.json with the appid from WEAPP_APPID and
// urlCheck on, after checking that no local API address was compiled in. Run by `npm run build:weapp`;
// `--check` (first step of `npm run release:weapp`) only checks the environment.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { releaseProblems, releaseProjectConfig, sitemapFor } from '../miniapp/config/release'

const root = resolve(__dirname, '..')
const dist = resolve(join(root, 'miniapp'), process.env.TARO_OUTPUT_DIR || 'dist/weapp')
const fail = (msg: string): never => {
  console.error(`weapp-finish: ${msg}`)
  process.exit(1)
}

// `--check`: only the environment of a release build, before spending minutes on compiling.
if (process.argv.includes('--check')) {
  const problems = releaseProblems(process.env)
  if (problems.length) fail(`release refused (see README → Releasing to WeChat):\n  - ${problems.join('\n  - ')}`)
  process.exit(0)
}

const appJsonPath = join(dist, 'app.json')
if (!existsSync(appJsonPath)) fail(`no build output at ${dist} (app.json missing)`)
const app = JSON.parse(readFileSync(appJsonPath, 'utf8'))
// Compact: it counts toward the main package budget (one rule per hidden page; WeChat has no prefix wildcard).
writeFileSync(join(dist, 'sitemap.json'), `${JSON.stringify(sitemapFor(app))}\n`)
console.log(`weapp-finish: sitemap.json written (${sitemapFor(app).rules.length - 1} pages not indexed)`)

if (process.env.WEAPP_RELEASE === '1') {
  const problems = releaseProblems(process.env)
  if (problems.length) fail(`release refused:\n  - ${problems.join('\n  - ')}`)
  // Belt and braces: the compiled code must not call a local address.
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []))
  const local = walk(dist).find((f) => /https?:\/\/(127\.0\.0\.1|localhost)[:/"']/.test(readFileSync(f, 'utf8')))
  if (local) fail(`release refused: ${local} still contains a local API address; set TARO_APP_API_BASE and rebuild`)
  const template = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8'))
  writeFileSync(join(dist, 'project.config.json'), `${JSON.stringify(releaseProjectConfig(template, process.env.WEAPP_APPID!.trim()), null, 2)}\n`)
  console.log(`weapp-finish: release project.config.json written for ${process.env.WEAPP_APPID} (urlCheck on); open or upload ${dist}`)
} else {
  // A development build is opened from the repository root (touristappid, urlCheck off): drop a release config left over in the folder.
  rmSync(join(dist, 'project.config.json'), { force: true })
}
