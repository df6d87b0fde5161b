import ngeohash from 'ngeohash';
import { cellDistanceBounds, circleCover, coverCells, gcj02ToWgs84, geohashFields, haversineMeters, formatDistance, wgs84ToGcj02, type LatLng } from '../src';

/** Deterministic PRNG so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const HARBIN: LatLng = { lat: 45.7576, lng: 126.6169 };

describe('haversine', () => {
  it('matches known distances', () => {
    // One degree of latitude ≈ 111.2 km on the mean sphere.
    expect(haversineMeters({ lat: 45, lng: 126 }, { lat: 46, lng: 126 })).toBeCloseTo(111195, -1);
    expect(haversineMeters(HARBIN, HARBIN)).toBe(0);
    // Harbin → Beijing ≈ 1050 km
    expect(haversineMeters(HARBIN, { lat: 39.9042, lng: 116.4074 }) / 1000).toBeGreaterThan(1000);
  });
  it('formats for people', () => {
    expect(formatDistance(842)).toBe('840 米');
    expect(formatDistance(1234)).toBe('1.2 公里');
    expect(formatDistance(15400)).toBe('15 公里');
  });
});

describe('circle cover', () => {
  it('stores a consistent hash at each precision', () => {
    const f = geohashFields(HARBIN);
    expect(f.gh7).toBe(ngeohash.encode(HARBIN.lat, HARBIN.lng, 7));
    expect(f.gh6).toBe(f.gh7.slice(0, 6));
    expect(f.gh5).toBe(f.gh7.slice(0, 5));
  });

  it.each([1, 3, 5, 10, 20])('keeps the cover small for %i km', (km) => {
    const c = circleCover(HARBIN, km * 1000);
    expect(c.cells.length).toBeGreaterThan(0);
    expect(c.cells.length).toBeLessThanOrEqual(320);
    for (const cell of c.cells) expect(cell).toHaveLength(c.precision);
  });

  it('drops cells that do not touch the circle', () => {
    const all = coverCells(HARBIN, 5000, 6);
    const b = ngeohash.bboxes(45.7, 126.55, 45.81, 126.68, 6);
    expect(all.length).toBeLessThan(b.length);
  });

  it('bounds the distance to every point of a cell (near ≤ d ≤ far)', () => {
    const rand = rng(99);
    for (let k = 0; k < 300; k++) {
      const center = { lat: HARBIN.lat + (rand() - 0.5) * 0.3, lng: HARBIN.lng + (rand() - 0.5) * 0.4 };
      const p = { lat: HARBIN.lat + (rand() - 0.5) * 0.3, lng: HARBIN.lng + (rand() - 0.5) * 0.4 };
      for (const precision of [5, 6, 7]) {
        const cell = ngeohash.encode(p.lat, p.lng, precision);
        const [a, b, c, d] = ngeohash.decode_bbox(cell);
        const { near, far } = cellDistanceBounds(center, cell);
        for (const q of [p, { lat: a, lng: b }, { lat: c, lng: d }, { lat: a, lng: d }, { lat: (a + c) / 2, lng: b }, { lat: center.lat, lng: (b + d) / 2 }]) {
          if (q.lat < a || q.lat > c) continue;
          const dist = haversineMeters(center, q);
          expect(dist).toBeLessThanOrEqual(far);
          expect(dist).toBeGreaterThanOrEqual(near);
        }
      }
    }
  });

  /**
   * The property the API relies on: the points whose stored cell is in the cover, filtered by exact
   * distance, are exactly the points within the radius (brute force over all points).
   */
  it.each([1, 3, 5, 10, 20])('equals brute force at %i km, including cell edges and the radius boundary', (km) => {
    const rand = rng(km * 7919);
    const r = km * 1000;
    const points: LatLng[] = [];
    for (let i = 0; i < 3000; i++) points.push({ lat: HARBIN.lat + (rand() - 0.5) * 0.6, lng: HARBIN.lng + (rand() - 0.5) * 0.8 });
    for (let q = 0; q < 8; q++) {
      const center = { lat: HARBIN.lat + (rand() - 0.5) * 0.3, lng: HARBIN.lng + (rand() - 0.5) * 0.4 };
      const pts = [...points];
      // Points exactly on / just inside / just outside the radius in many directions.
      for (let k = 0; k < 72; k++) {
        const bearing = (k * 5 * Math.PI) / 180;
        for (const d of [r - 0.5, r - 0.01, r, r + 0.01, r + 0.5]) {
          const ang = d / 6371008.8;
          const lat1 = (center.lat * Math.PI) / 180, lng1 = (center.lng * Math.PI) / 180;
          const lat2 = Math.asin(Math.sin(lat1) * Math.cos(ang) + Math.cos(lat1) * Math.sin(ang) * Math.cos(bearing));
          const lng2 = lng1 + Math.atan2(Math.sin(bearing) * Math.sin(ang) * Math.cos(lat1), Math.cos(ang) - Math.sin(lat1) * Math.sin(lat2));
          pts.push({ lat: (lat2 * 180) / Math.PI, lng: (lng2 * 180) / Math.PI });
        }
      }
      // Points on geohash cell corners and edges near the circle.
      const cover = circleCover(center, r);
      for (const cell of cover.cells.slice(0, 60)) {
        const [a, b, c, d] = ngeohash.decode_bbox(cell);
        pts.push({ lat: a, lng: b }, { lat: c, lng: d }, { lat: a, lng: (b + d) / 2 }, { lat: (a + c) / 2, lng: d }, { lat: c - 1e-9, lng: d - 1e-9 });
      }
      const cells = new Set(cover.cells);
      const viaCells = pts.map((p, i) => ({ p, i })).filter(({ p }) => cells.has(geohashFields(p)[cover.field]) && haversineMeters(center, p) <= r).map(({ i }) => i);
      const brute = pts.map((p, i) => ({ p, i })).filter(({ p }) => haversineMeters(center, p) <= r).map(({ i }) => i);
      expect(viaCells).toEqual(brute);
      expect(brute.length).toBeGreaterThan(0);
    }
  });
});

describe('datum: WGS-84 → GCJ-02', () => {
  // Reference pair used across coordtransform ports (Beijing, 116.404 E 39.915 N).
  it('matches the published Beijing pair', () => {
    const g = wgs84ToGcj02({ lat: 39.915, lng: 116.404 });
    expect(g.lng).toBeCloseTo(116.41024449916938, 9);
    expect(g.lat).toBeCloseTo(39.91640428150164, 9);
  });
  it('moves a Harbin fix by the expected few hundred metres (east-north-east)', () => {
    // 道里区 centre as AMap gives it (GCJ-02) and the WGS-84 point it comes from.
    const wgs = { lat: 45.755684, lng: 126.610983 };
    const g = wgs84ToGcj02(wgs);
    expect(g.lat).toBeCloseTo(45.7576, 4);
    expect(g.lng).toBeCloseTo(126.6169, 4);
    const shift = haversineMeters(wgs, g);
    expect(shift).toBeGreaterThan(400);
    expect(shift).toBeLessThan(600);
  });
  it('inverts (GCJ-02 → WGS-84) to well below a metre', () => {
    for (const p of [{ lat: 39.915, lng: 116.404 }, { lat: 45.7576, lng: 126.6169 }, { lat: 45.3837, lng: 126.3127 }, { lat: 22.543, lng: 114.057 }]) {
      expect(haversineMeters(gcj02ToWgs84(wgs84ToGcj02(p)), p)).toBeLessThan(0.01);
    }
    // Against the published single-step inverse of the Beijing pair (that formula is itself ~1 m off).
    const w = gcj02ToWgs84({ lat: 39.915, lng: 116.404 });
    expect(haversineMeters(w, { lat: 39.91359571849836, lng: 116.39775550083061 })).toBeLessThan(2);
  });
  it('leaves points outside mainland China as they are', () => {
    const tokyo = { lat: 35.6812, lng: 139.7671 };
    expect(wgs84ToGcj02(tokyo)).toEqual(tokyo);
  });
});
