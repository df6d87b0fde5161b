// H5 build of fix.ts: the browser's geolocation is WGS-84 (Taro's H5 getLocation offers nothing else);
// it is converted to GCJ-02 here, once, so every coordinate the app sends or stores is GCJ-02.
import Taro from '@tarojs/taro'
import { wgs84ToGcj02 } from '../../../../shared/src/rules/datum'
import type { Fix } from './fix'

export type { Fix, Refusal } from './fix'

export async function currentFix(): Promise<Fix> {
  try {
    const r = await Taro.getLocation({ type: 'wgs84' })
    return { ok: true, at: wgs84ToGcj02({ lat: r.latitude, lng: r.longitude }) }
  } catch (err) {
    const msg = String((err as { errMsg?: string } | null)?.errMsg ?? '')
    // GeolocationPositionError 1 (PERMISSION_DENIED): "User denied Geolocation", "permission denied", ...
    if (/denied|permission|not allowed|secure origin/i.test(msg)) return { ok: false, why: 'refused' }
    return { ok: false, why: 'failed' }
  }
}
