import { apiBaseProblem, appIdProblem, normaliseApiBase, releaseProblems, releaseProjectConfig, sitemapFor } from '../config/release'

describe('release build checks (npm run release:weapp)', () => {
  it('accepts https URLs with a domain name', () => {
    for (const ok of ['https://jobs.example.gov.cn', 'https://api.harbin-jobs.cn:8443', 'https://jobs.example.gov.cn/doorstep', 'https://JOBS.Example.CN']) {
      expect(apiBaseProblem(ok)).toBeNull()
    }
  })
  it.each([
    [undefined, /not set/],
    ['', /not set/],
    ['jobs.example.gov.cn', /not a URL/],
    ['http://jobs.example.gov.cn', /https:\/\//],
    ['http://127.0.0.1:3000', /https:\/\//],
    ['https://127.0.0.1:3000', /IP address/],
    ['https://10.0.0.5', /IP address/],
    ['https://[::1]:3000', /IP address/],
    ['https://localhost:3000', /local name/],
    ['https://api.localhost', /local name/],
    ['https://intranet', /valid domain/],
    ['https://user:pw@jobs.example.gov.cn', /user name/],
    ['https://jobs.example.gov.cn?x=1', /query/],
    ['https://jobs.example.gov.cn/base/', /slash/],
    ['wss://jobs.example.gov.cn', /https:\/\//],
  ])('refuses %p', (base, why) => {
    expect(apiBaseProblem(base)).toMatch(why)
  })
  it('requires a real AppID from the environment', () => {
    expect(appIdProblem('wx0123456789abcdef')).toBeNull()
    expect(appIdProblem(undefined)).toMatch(/WEAPP_APPID is not set/)
    expect(appIdProblem('touristappid')).toMatch(/not a mini-program AppID/)
  })
  it('lists every problem at once and trims a bare trailing slash', () => {
    expect(releaseProblems({})).toHaveLength(2)
    expect(releaseProblems({ TARO_APP_API_BASE: 'https://jobs.example.gov.cn', WEAPP_APPID: 'wx0123456789abcdef' })).toEqual([])
    expect(normaliseApiBase('https://jobs.example.gov.cn/')).toBe('https://jobs.example.gov.cn')
  })
})

describe('release artefacts', () => {
  it('keeps staff, employer and login pages out of WeChat search, whichever package they sit in', () => {
    const map = sitemapFor({
      pages: ['pages/index/index', 'pages/gigs/index'],
      subPackages: [{ root: 'packages/account', pages: ['pages/login/index', 'pages/privacy/index'] }, { root: 'packages/staff', pages: ['pages/workbench/index'] }, { root: 'packages/employer/', pages: ['pages/post/index'] }, { root: 'packages/worker', pages: ['pages/registration-form/index'] }],
    })
    expect(map.rules).toEqual([
      { action: 'disallow', page: 'packages/account/pages/login/index' },
      { action: 'disallow', page: 'packages/staff/pages/workbench/index' },
      { action: 'disallow', page: 'packages/employer/pages/post/index' },
      { action: 'allow', page: '*' },
    ])
  })
  it('writes the appid from the environment and turns domain checking on', () => {
    const out = releaseProjectConfig({ appid: 'touristappid', miniprogramRoot: 'miniapp/dist/weapp/', setting: { urlCheck: false, es6: true } }, 'wx0123456789abcdef')
    expect(out).toMatchObject({ appid: 'wx0123456789abcdef', setting: { urlCheck: true, es6: true } })
    expect(out).not.toHaveProperty('miniprogramRoot')
  })
})
