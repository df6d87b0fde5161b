export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/gigs/index',
    'pages/policy/index',
    'pages/mine/index',
  ],
  subPackages: [
    // Sign-in, the privacy policy and the user agreement: out of the main package, preloaded from every tab.
    { root: 'packages/account', pages: ['pages/login/index', 'pages/privacy/index', 'pages/agreement/index'] },
    { root: 'packages/employer', pages: ['pages/index/index', 'pages/onboard/index', 'pages/post/index', 'pages/gig/index', 'pages/employments/index', 'pages/vacancies/index', 'pages/vacancy-post/index', 'pages/vacancy/index'] },
    {
      root: 'packages/worker',
      pages: [
        'pages/registration/index',
        'pages/registration-form/index',
        'pages/registration-record/index',
        'pages/registration-profile/index',
        'pages/policy-detail/index',
        'pages/policy-calc/index',
        'pages/policy-apps/index',
        'pages/gig-detail/index',
        'pages/my-gigs/index',
        'pages/availability/index',
        'pages/stations/index',
        'pages/account/index',
      ],
    },
    { root: 'packages/staff', pages: ['pages/index/index', 'pages/registrations/index', 'pages/registration-detail/index', 'pages/policies/index', 'pages/policies/edit', 'pages/policy-applications/index', 'pages/workbench/index', 'pages/dashboard/index', 'pages/insurance/index', 'pages/insurance/detail', 'pages/insurance/import', 'pages/counter/index', 'pages/assistance/index', 'pages/bookings/index', 'pages/ratings/index', 'pages/households/index', 'pages/households/edit', 'pages/vacancy-review/index'] },
    { root: 'packages/messages', pages: ['pages/index/index', 'pages/settings/index'] },
    { root: 'packages/worker-insurance', pages: ['pages/claim/index'] },
    // 就业登记 (the BFF's employment notices open this exact path).
    { root: 'packages/worker-employment', pages: ['pages/employment/index'] },
    { root: 'packages/worker-assistance', pages: ['pages/assistance/index'] },
    // 办事指南 (服务事项清单) and booking of 职业指导 / 窗口办理 / 见习说明会.
    { root: 'packages/services', pages: ['pages/list/index', 'pages/guide/index', 'pages/bookings/index'] },
    // 岗位: full-time and part-time vacancies, recommendations, applications (the BFF's vacancy notices open mine/detail).
    { root: 'packages/jobs', pages: ['pages/list/index', 'pages/detail/index', 'pages/mine/index'] },
  ],
  // Worker pages are one tap away from every tab: fetch them in the background on any network.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/worker', 'packages/account'] },
    'pages/gigs/index': { network: 'all', packages: ['packages/worker'] },
    'pages/policy/index': { network: 'all', packages: ['packages/worker'] },
    'pages/mine/index': { network: 'all', packages: ['packages/worker', 'packages/account'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#1557b0',
    navigationBarTitleText: '家门口就业',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f2f4f7',
  },
  tabBar: {
    color: '#444444',
    selectedColor: '#1557b0',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/gigs/index', text: '零工', iconPath: 'assets/tabbar/gigs.png', selectedIconPath: 'assets/tabbar/gigs-active.png' },
      { pagePath: 'pages/policy/index', text: '政策', iconPath: 'assets/tabbar/policy.png', selectedIconPath: 'assets/tabbar/policy-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tabbar/mine.png', selectedIconPath: 'assets/tabbar/mine-active.png' },
    ],
  },
  // WeChat privacy compliance (基础库 2.32.3+): APIs touching personal info wait for consent.
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于查找你附近的零工岗位和服务站' },
  },
  lazyCodeLoading: 'requiredComponents',
})
