/**
 * Demo city: Harbin (哈尔滨市). Districts with their administrative codes, a representative
 * point (used as the default location when a person declines location access) and some streets.
 * Sample data for the demo; a local deployment loads its own region set.
 * Coordinates are GCJ-02 (the app's one datum): the centres are AMap's district centres (adcode
 * table) to about 4 decimals, e.g. 南岗区 126.668784,45.760174; the WGS-84 point of the same place
 * lies ~500 m west-south-west.
 */
export interface DistrictSeed {
  code: string;
  name: string;
  center: { lat: number; lng: number };
  streets: string[];
}

export const DEMO_CITY = { code: '230100', name: '哈尔滨市', province: '黑龙江省' } as const;

export const HARBIN_DISTRICTS: DistrictSeed[] = [
  { code: '230102', name: '道里区', center: { lat: 45.7576, lng: 126.6169 }, streets: ['兆麟街道', '新阳路街道', '安静街道', '群力街道', '工农街道'] },
  { code: '230103', name: '南岗区', center: { lat: 45.7600, lng: 126.6685 }, streets: ['花园街道', '大成街道', '哈西街道', '先锋路街道', '革新街道'] },
  { code: '230104', name: '道外区', center: { lat: 45.7920, lng: 126.6490 }, streets: ['靖宇街道', '太古街道', '南马路街道', '崇俭街道'] },
  { code: '230108', name: '平房区', center: { lat: 45.5978, lng: 126.6370 }, streets: ['友协街道', '新伟街道', '保国街道'] },
  { code: '230109', name: '松北区', center: { lat: 45.8085, lng: 126.5594 }, streets: ['松北街道', '利民街道', '松浦街道'] },
  { code: '230110', name: '香坊区', center: { lat: 45.7078, lng: 126.6800 }, streets: ['香坊大街街道', '通天街道', '黎明街道', '和平路街道'] },
  { code: '230111', name: '呼兰区', center: { lat: 45.8899, lng: 126.5876 }, streets: ['兰河街道', '建设路街道', '呼兰街道'] },
  { code: '230112', name: '阿城区', center: { lat: 45.5410, lng: 126.9580 }, streets: ['金城街道', '通城街道', '河东街道'] },
  { code: '230113', name: '双城区', center: { lat: 45.3837, lng: 126.3127 }, streets: ['承恩街道', '五家街道', '兰棱街道'] },
];
