// Where the worker is searching from: the phone's location (with permission) or a district they chose.
// Shared by the 零工 tab, gig detail (distance) and the service stations page.
import Taro from '@tarojs/taro'
import { readJson, writeJson } from '../../services/storage'
import { createStore } from '../../store/createStore'
import type { LatLng } from './api'

export interface SearchPlace extends LatLng {
  /** '我的位置' or the district's name. */
  label: string
  source: 'gps' | 'district'
  districtCode?: string
}

const KEY = 'dj.gigs.place'

interface PlaceState {
  place: SearchPlace | null
  /** The last location request was refused or failed (show the district picker). */
  denied: boolean
  locating: boolean
}

export const placeStore = createStore<PlaceState>({ place: readJson<SearchPlace>(KEY), denied: false, locating: false })
export const usePlace = () => placeStore.use()

export function setPlace(place: SearchPlace): void {
  // A chosen district is remembered across launches; a GPS fix is asked for again next time.
  if (place.source === 'district') writeJson(KEY, place)
  placeStore.set({ place, denied: false })
}

/**
 * Asks for the phone's location (weapp: the 位置 permission with the purpose in app.config; H5:
 * browser geolocation). WGS-84 on both: Taro's H5 getLocation supports nothing else.
 */
export async function locate(): Promise<SearchPlace | null> {
  placeStore.set({ locating: true })
  try {
    const r = await Taro.getLocation({ type: 'wgs84' })
    const place: SearchPlace = { lat: r.latitude, lng: r.longitude, label: '我的位置', source: 'gps' }
    setPlace(place)
    return place
  } catch {
    placeStore.set({ denied: true })
    return null
  } finally {
    placeStore.set({ locating: false })
  }
}

/** Navigation to a point: the map app in weapp; in H5 a web map page (no map library is bundled). */
export function navigateTo(p: LatLng & { name: string; address: string }): void {
  if (process.env.TARO_ENV === 'h5') {
    const url = `https://uri.amap.com/marker?position=${p.lng},${p.lat}&name=${encodeURIComponent(p.name)}&coordinate=wgs84&callnative=1`
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
