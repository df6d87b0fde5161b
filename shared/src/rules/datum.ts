import gcoord from 'gcoord';

/** A point in degrees. */
export interface LatLngPoint { lat: number; lng: number }

/**
 * Datum. Every coordinate on the wire and in the database is GCJ-02 (国测局坐标: what WeChat's
 * getLocation({type:'gcj02'}), chooseLocation, <map> and openLocation use, and AMap / Tencent maps).
 * Only the browser's geolocation (H5) gives WGS-84; the app converts that fix once, on the phone,
 * with `wgs84ToGcj02`. Outside mainland China both datums coincide (the point comes back as it is).
 * The math is gcoord's (maintained, no dependencies, ~7 KB; see README). Kept apart from geo.ts so
 * the mini-program can import it without the geohash code.
 */
export function wgs84ToGcj02(p: LatLngPoint): LatLngPoint {
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { lat, lng };
}

/** The inverse (iterative, far below a metre); for migrations and tests. */
export function gcj02ToWgs84(p: LatLngPoint): LatLngPoint {
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lat, lng };
}
