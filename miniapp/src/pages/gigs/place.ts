// Where the worker is searching from: the phone's location (with permission) or a district they chose.
// Shared by the 零工 tab, gig detail (distance) and the service stations page.
import Taro from '@tarojs/taro'
import { readJson, writeJson } from '../../services/storage'
import { createStore } from '../../store/createStore'
import type { LatLng } from './api'
import { currentFix, type Refusal } from './fix'

export interface SearchPlace extends LatLng {
  /** '我的位置' or the district's name. */
  label: string
  source: 'gps' | 'district'
  districtCode?: string
}

const KEY = 'dj.gigs.place'

interface PlaceState {
  place: SearchPlace | null
  /** Why the last location request gave nothing (show the district picker and how to allow it); null: not refused. */
  denied: Refusal | null
  locating: boolean
}

export const placeStore = createStore<PlaceState>({ place: readJson<SearchPlace>(KEY), denied: null, locating: false })
export const usePlace = () => placeStore.use()

export function setPlace(place: SearchPlace): void {
  // A chosen district is remembered across launches; a GPS fix is asked for again next time.
  if (place.source === 'district') writeJson(KEY, place)
  placeStore.set({ place, denied: null })
}

/**
 * Asks for the phone's location, only ever from a tap on 用我的位置 (weapp: the 位置 permission with
 * the purpose in app.config; H5: browser geolocation). GCJ-02 on both (fix.ts / fix.h5.ts).
 */
export async function locate(): Promise<SearchPlace | null> {
  placeStore.set({ locating: true })
  try {
    const fix = await currentFix()
    if (!fix.ok) {
      placeStore.set({ denied: fix.why })
      return null
    }
    const place: SearchPlace = { ...fix.at, label: '我的位置', source: 'gps' }
    setPlace(place)
    return place
  } finally {
    placeStore.set({ locating: false })
  }
}

/**
 * One sentence on what to do when there is no fix, for the platform this build runs on.
 * `settingButton`: the page shows the 去设置打开定位 button (openType='openSetting') next to it.
 */
export function refusalHint(why: Refusal, settingButton = false): string {
  if (why === 'refused') {
    if (process.env.TARO_ENV === 'h5') return '浏览器没有允许定位。请点地址栏左边的锁形或“ⓘ”图标，把“位置”改成“允许”，再点“用我的位置”；也可以直接选一个区。'
    return settingButton
      ? '你之前没有允许使用位置。点“去设置打开定位”，打开“位置信息”后回来就能用；也可以直接选一个区。'
      : '你之前没有允许使用位置。请点右上角“…”→“设置”，打开“位置信息”后再试；也可以直接选一个区。'
  }
  if (why === 'system') return '手机的定位没有打开，或者没有允许微信使用位置。请在手机“设置”里打开后再试，也可以直接选一个区。'
  return '这次没有定位成功（信号不好或定位没打开），可以再点一次“用我的位置”，或者直接选一个区。'
}

/** Navigation to a point (GCJ-02): the map app in weapp; in H5 AMap's web page (no map library is bundled), told the datum is GCJ-02 (`coordinate=gaode`). */
export function navigateTo(p: LatLng & { name: string; address: string }): void {
  if (process.env.TARO_ENV === 'h5') {
    const url = `https://uri.amap.com/marker?position=${p.lng},${p.lat}&name=${encodeURIComponent(p.name)}&coordinate=gaode&callnative=1`
    window.open(url, '_blank')
    return
  }
  Taro.openLocation({ latitude: p.lat, longitude: p.lng, name: p.name, address: p.address, scale: 16 }).catch(() => {
    Taro.showToast({ title: '打不开地图，请按地址前往', icon: 'none' })
  })
}

/** Tap to call; cancelling is not an error. */
export function callPhone(phone: string): void {
  Taro.makePhoneCall({ phoneNumber: phone.replace(/[^\d+]/g, '') }).catch(() => {})
}
