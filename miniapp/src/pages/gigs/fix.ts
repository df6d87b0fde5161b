// The phone's position in GCJ-02 (the one datum of the app, see shared/src/rules/datum.ts).
// weapp (this file): WeChat gives GCJ-02 itself. H5: fix.h5.ts converts the browser's WGS-84 fix.
import Taro from '@tarojs/taro'
import type { LatLng } from './api'

/** Why no fix: the user refused the 位置 permission (weapp: reopen it in 设置), the phone's location is off, or it just failed. */
export type Refusal = 'refused' | 'system' | 'failed'
export type Fix = { ok: true; at: LatLng } | { ok: false; why: Refusal }

export async function currentFix(): Promise<Fix> {
  try {
    const r = await Taro.getLocation({ type: 'gcj02' })
    return { ok: true, at: { lat: r.latitude, lng: r.longitude } }
  } catch (err) {
    const msg = String((err as { errMsg?: string } | null)?.errMsg ?? '')
    // Once refused, WeChat does not ask again: getLocation fails at once and only 设置 can turn it back on.
    const setting = await Taro.getSetting().catch(() => null)
    if (setting?.authSetting['scope.userLocation'] === false || /auth den/i.test(msg)) return { ok: false, why: 'refused' }
    if (/system permission|LOCATIONSWITCHOFF|location service/i.test(msg)) return { ok: false, why: 'system' }
    return { ok: false, why: 'failed' }
  }
}
