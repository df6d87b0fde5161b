import { HARBIN_DISTRICTS } from './harbin';

/**
 * Public employment service centers of the demo city: one per district, handling the
 * registrations of people whose 常住地 is in the districts it covers. Sample data.
 */
export interface ServiceCenter { code: string; name: string; districts: string[]; address: string; phone: string }

export const SERVICE_CENTERS: ServiceCenter[] = HARBIN_DISTRICTS.map((d) => ({
  code: `SC${d.code}`,
  name: `${d.name}公共就业服务中心`,
  districts: [d.code],
  address: `哈尔滨市${d.name}（示例地址）`,
  phone: '12333',
}));

export function centerForDistrict(districtCode: string): ServiceCenter | undefined {
  return SERVICE_CENTERS.find((c) => c.districts.includes(districtCode));
}

export function centerByName(name: string): ServiceCenter | undefined {
  return SERVICE_CENTERS.find((c) => c.name === name);
}
