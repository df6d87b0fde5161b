import Taro from '@tarojs/taro'

export const TABS = {
  home: '/pages/index/index',
  gigs: '/pages/gigs/index',
  policy: '/pages/policy/index',
  mine: '/pages/mine/index',
} as const

export const PAGES = {
  login: '/packages/account/pages/login/index',
  privacy: '/packages/account/pages/privacy/index',
  employer: '/packages/employer/pages/index/index',
  staff: '/packages/staff/pages/index/index',
  registration: '/packages/worker/pages/registration/index',
  staffRegistrations: '/packages/staff/pages/registrations/index',
} as const

export const goTab = (url: string) => Taro.switchTab({ url }).catch(() => {})
export const goPage = (url: string) => Taro.navigateTo({ url }).catch(() => {})
export const goLogin = () => goPage(PAGES.login)
