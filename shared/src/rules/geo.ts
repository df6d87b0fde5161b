import ngeohash from 'ngeohash';

/**
 * Nearby search without geospatial database operators: every point stores its geohash at a few
 * precisions; a query takes the cells (at one precision) that touch the search circle, reads the
 * points in those cells through an ordinary index, and then keeps exactly those whose haversine
 * distance is within the radius. The cover is a superset of the circle, so the result equals a
 * brute-force haversine over all points.
 */
export interface LatLng { lat: number; lng: number }

/** The datum (GCJ-02 everywhere) and its conversions live in datum.ts (no geohash code, for the mini-program). */
export { gcj02ToWgs84, wgs84ToGcj02 } from './datum';

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6371008.8;
/** Precisions stored on every point (field names gh5, gh6, gh7). */
export const GEOHASH_PRECISIONS = [5, 6, 7] as const;
export type GeohashPrecision = (typeof GEOHASH_PRECISIONS)[number];
/** Largest cover we query in one $in; beyond this a coarser precision is cheaper. */
export const MAX_COVER_CELLS = 320;

const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** Great-circle distance in metres. The one distance function used everywhere (query, brute force, UI). */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The geohash of a point at every stored precision: { gh5, gh6, gh7 }. */
export function geohashFields(p: LatLng): { gh5: string; gh6: string; gh7: string } {
  const gh7 = ngeohash.encode(p.lat, p.lng, 7);
  return { gh5: gh7.slice(0, 5), gh6: gh7.slice(0, 6), gh7 };
}

/** Bounding box of a circle on the sphere (exact extents, plus a small safety margin). */
export function circleBounds(center: LatLng, radiusM: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const margin = 1.001;
  const ang = (radiusM * margin) / EARTH_RADIUS_M;
  const minLat = Math.max(-90, center.lat - deg(ang));
  const maxLat = Math.min(90, center.lat + deg(ang));
  const s = Math.sin(ang) / Math.cos(rad(center.lat));
  const dLng = s >= 1 ? 180 : deg(Math.asin(s));
  return { minLat, maxLat, minLng: Math.max(-180, center.lng - dLng), maxLng: Math.min(180, center.lng + dLng) };
}

/**
 * Distance from a point to the nearest point of a lat/lng rectangle, approximated by clamping.
 * Clamping is exact along the meridian and off by far less than 0.1 % at city scale; the caller
 * keeps a margin so a cell is never wrongly dropped.
 */
function distanceToBox(p: LatLng, [minLat, minLng, maxLat, maxLng]: [number, number, number, number]): number {
  const lat = Math.min(maxLat, Math.max(minLat, p.lat));
  const lng = Math.min(maxLng, Math.max(minLng, p.lng));
  return haversineMeters(p, { lat, lng });
}

/** Cells of one precision that touch the circle. */
export function coverCells(center: LatLng, radiusM: number, precision: number): string[] {
  const b = circleBounds(center, radiusM);
  const all = ngeohash.bboxes(b.minLat, b.minLng, b.maxLat, b.maxLng, precision);
  const keep = radiusM * 1.002 + 5;
  return all.filter((c) => distanceToBox(center, ngeohash.decode_bbox(c)) <= keep);
}

/**
 * Bounds on the distance from `center` to any point of a geohash cell: `near` is a lower bound
 * (clamped nearest point, reduced by the same margin coverCells keeps) and `far` the distance to
 * the farthest corner, an exact upper bound (along a parallel the distance grows with the longitude
 * gap, along a meridian it is convex, so the maximum over the rectangle is at a corner).
 */
export function cellDistanceBounds(center: LatLng, cell: string): { near: number; far: number } {
  const box = ngeohash.decode_bbox(cell);
  const [minLat, minLng, maxLat, maxLng] = box;
  const far = Math.max(
    haversineMeters(center, { lat: minLat, lng: minLng }), haversineMeters(center, { lat: minLat, lng: maxLng }),
    haversineMeters(center, { lat: maxLat, lng: minLng }), haversineMeters(center, { lat: maxLat, lng: maxLng }),
  );
  return { near: Math.max(0, (distanceToBox(center, box) - 5) / 1.002), far };
}

/** Picks the finest stored precision whose cover stays within MAX_COVER_CELLS. */
export function circleCover(center: LatLng, radiusM: number): { precision: GeohashPrecision; field: 'gh5' | 'gh6' | 'gh7'; cells: string[] } {
  for (const precision of [...GEOHASH_PRECISIONS].reverse()) {
    // Cheap estimate first so a 20 km search does not enumerate thousands of 150 m cells.
    const b = circleBounds(center, radiusM);
    const [lat0, lng0, lat1, lng1] = ngeohash.decode_bbox(ngeohash.encode(center.lat, center.lng, precision));
    const estimate = ((b.maxLat - b.minLat) / (lat1 - lat0) + 1) * ((b.maxLng - b.minLng) / (lng1 - lng0) + 1);
    if (estimate > MAX_COVER_CELLS * 1.6 && precision !== GEOHASH_PRECISIONS[0]) continue;
    const cells = coverCells(center, radiusM, precision);
    if (cells.length <= MAX_COVER_CELLS || precision === GEOHASH_PRECISIONS[0]) return { precision, field: `gh${precision}` as 'gh5' | 'gh6' | 'gh7', cells };
  }
  throw new Error('unreachable');
}

export interface ServiceArea { minLat: number; maxLat: number; minLng: number; maxLng: number }
export function inServiceArea(p: LatLng, area: ServiceArea): boolean {
  return p.lat >= area.minLat && p.lat <= area.maxLat && p.lng >= area.minLng && p.lng <= area.maxLng;
}

/** "850 米" / "1.2 公里" for the UI. */
export function formatDistance(m: number): string {
  if (m < 1000) return `${Math.max(10, Math.round(m / 10) * 10)} 米`;
  return `${(m / 1000).toFixed(m < 10000 ? 1 : 0)} 公里`;
}
