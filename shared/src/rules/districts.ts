import { HARBIN_DISTRICTS } from '../data/harbin';
import { SERVICE_CENTERS, type ServiceCenter } from '../data/centers';
import { haversineMeters, type LatLng } from './geo';

/**
 * Which service center handles an item. Staff see only their own center's items, so every queue
 * needs a rule that puts an item in a district (a center covers one or more districts):
 *
 * - 失业登记 and 跟踪回访: the registration's own `centerCode` (set at submission from the person's
 *   常住地 district) — nothing to decide here.
 * - 零工 (posting review) and 举报 (reports of a posting): the district of the work place. The
 *   database rules forbid geo operators and FerretDB v1 cannot compute in a pipeline, so the rule is
 *   one the dashboard can apply to grouped rows too: take the centre of the posting's geohash-6 cell
 *   (≈1.2 km × 0.6 km, stored on every gig as `gh6`) and pick the district whose representative point
 *   is nearest, within DISTRICT_REACH_M. Farther places (the counties around the city) name no district.
 *   This is an approximation of real district boundaries; a deployment with boundary polygons would
 *   replace `districtOfPoint` and nothing else.
 * - 用人单位认证: employers give no location, only an address; the district named in the address
 *   (the first district name that appears, e.g. "南岗区学府路 68 号").
 * - 政策申请: the applicant's district — their latest unemployment registration, else the home
 *   district they gave for gig work, else (an employer applying) the district in the employer's address.
 *
 * An item whose rule finds no district is "unassigned": only the city administrator (市级管理员) sees
 * it, marked 未标明所在区, and handles it or corrects the record — no center can claim another's item.
 *
 * Each record stores the district found when it was written (`district`), so staff lists and counts
 * filter on it inside the query.
 */

export const DISTRICT_REACH_M = 30_000;

const NAMES = HARBIN_DISTRICTS.map((d) => ({ code: d.code, name: d.name }));

export function districtName(code: string | null | undefined): string {
  if (!code) return '未标明所在区';
  return HARBIN_DISTRICTS.find((d) => d.code === code)?.name ?? code;
}

/** The first district of the city named in a free-text address, or null. */
export function districtOfText(text: string | null | undefined): string | null {
  if (!text) return null;
  let best: { code: string; at: number } | null = null;
  for (const d of NAMES) {
    const at = text.indexOf(d.name);
    if (at >= 0 && (!best || at < best.at)) best = { code: d.code, at };
  }
  return best?.code ?? null;
}

/** The district whose representative point is nearest, if within DISTRICT_REACH_M. */
export function districtOfPoint(p: LatLng): string | null {
  let best: { code: string; d: number } | null = null;
  for (const d of HARBIN_DISTRICTS) {
    const m = haversineMeters(p, d.center);
    if (!best || m < best.d) best = { code: d.code, d: m };
  }
  return best && best.d <= DISTRICT_REACH_M ? best.code : null;
}

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** Centre of a geohash cell (standard base-32 geohash, longitude bit first). */
export function geohashCenter(cell: string): LatLng {
  const lat: [number, number] = [-90, 90];
  const lng: [number, number] = [-180, 180];
  let even = true;
  for (const ch of cell) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new RangeError(`不是有效的 geohash：${cell}`);
    for (let bit = 4; bit >= 0; bit--) {
      const on = (v >> bit) & 1;
      const r = even ? lng : lat;
      const mid = (r[0] + r[1]) / 2;
      if (on) r[0] = mid; else r[1] = mid;
      even = !even;
    }
  }
  return { lat: (lat[0] + lat[1]) / 2, lng: (lng[0] + lng[1]) / 2 };
}

const cellCache = new Map<string, string | null>();

/** District of a posting from its stored gh6 cell (the same rule in the inbox and on the dashboard). */
export function districtOfCell(cell: string | null | undefined): string | null {
  if (!cell) return null;
  let d = cellCache.get(cell);
  if (d === undefined) {
    d = districtOfPoint(geohashCenter(cell));
    if (cellCache.size > 50_000) cellCache.clear();
    cellCache.set(cell, d);
  }
  return d;
}

export function centerByCode(code: string | null | undefined): ServiceCenter | null {
  return SERVICE_CENTERS.find((c) => c.code === code) ?? null;
}

export function centerInfo(c: ServiceCenter) {
  return { code: c.code, name: c.name, districts: c.districts.map((code) => ({ code, name: districtName(code) })) };
}
