import type { Connection } from 'mongoose';
import { DEMO_CITY, regionListSchema } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import { regionModel } from './model';

export function regionRoutes(conn: Connection): RouteDef[] {
  const Region = regionModel(conn);
  return [
    route({
      method: 'get', path: '/api/regions', summary: '服务城市的区和街道', tags: ['基础数据'], access: 'public', response: regionListSchema,
      handler: async () => {
        const districts = await Region.find({ cityCode: DEMO_CITY.code }).sort({ code: 1 }).lean();
        return { city: { code: DEMO_CITY.code, name: DEMO_CITY.name }, districts: districts.map((d) => ({ code: d.code, name: d.name, center: { lat: d.center.lat, lng: d.center.lng }, streets: d.streets })) };
      },
    }),
  ];
}
