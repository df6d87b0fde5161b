import { HARBIN_STATIONS, formatDistance, haversineMeters, stationListSchema, stationsQuerySchema, type StationSeed } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';

/** 15分钟就业服务圈: stations nearest first (about 20 rows, staff-editable in settings; plain distance sort in code). */
export function stationRoutes(list: () => Promise<StationSeed[]> | StationSeed[] = () => HARBIN_STATIONS): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/stations', summary: '附近的就业服务站、零工市场和服务大厅', tags: ['服务站'], access: 'public',
      query: stationsQuerySchema, response: stationListSchema,
      handler: async ({ query }) => {
        const at = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;
        const rows = (await list()).filter((s) => !query.kind || s.kind === query.kind).map((s) => {
          const d = at ? haversineMeters(at, s) : null;
          return { ...s, services: [...s.services], distanceM: d === null ? null : Math.round(d), distanceText: d === null ? null : formatDistance(d) };
        });
        if (at) rows.sort((a, b) => a.distanceM! - b.distanceM!);
        return { items: rows };
      },
    }),
  ];
}
