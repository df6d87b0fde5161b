import { goPage } from '../../services/nav'
import type { LatLng } from './api'

/** Worker pages of the 零工市场 (main package) and the employer subpackage pages. */
export const GIG_PAGES = {
  tab: '/pages/gigs/index',
  detail: '/packages/worker/pages/gig-detail/index',
  mine: '/packages/worker/pages/my-gigs/index',
  availability: '/packages/worker/pages/availability/index',
  stations: '/packages/worker/pages/stations/index',
} as const

export const EMPLOYER_PAGES = {
  home: '/packages/employer/pages/index/index',
  onboard: '/packages/employer/pages/onboard/index',
  post: '/packages/employer/pages/post/index',
  gig: '/packages/employer/pages/gig/index',
  employments: '/packages/employer/pages/employments/index',
} as const

/** Gig detail; the search point goes along so the detail can show the same distance. */
export function openGig(id: string, at?: LatLng | null) {
  goPage(`${GIG_PAGES.detail}?id=${id}${at ? `&lat=${at.lat.toFixed(6)}&lng=${at.lng.toFixed(6)}` : ''}`)
}
