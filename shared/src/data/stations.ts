/**
 * Demo data for the 15分钟就业服务圈: 家门口就业服务站, 零工市场 and 公共就业服务大厅 across Harbin's
 * districts. Names, addresses and phone numbers are illustrative sample data for the demo city; a
 * deployment replaces this list with its own stations. Coordinates are GCJ-02 (the app's datum),
 * placed around the GCJ-02 district centres of harbin.ts; a deployment's list must be GCJ-02 too
 * (copy points from AMap or Tencent maps, not from a GPS logger).
 */
export interface StationSeed {
  id: string;
  name: string;
  kind: 'station' | 'gig_market' | 'service_hall';
  district: string;
  address: string;
  lat: number;
  lng: number;
  hours: string;
  services: string[];
  phone: string;
}

const WEEKDAY = '周一至周五 8:30-11:30，13:30-17:00';
const MARKET = '每天 6:00-12:00';
const S_STATION = ['岗位推荐', '失业登记', '政策咨询', '职业指导'];
const S_MARKET = ['零工对接', '即时快招', '工钱纠纷调解', '技能培训报名'];
const S_HALL = ['失业登记', '就业创业证', '职业技能培训', '创业担保贷款', '用人单位招聘登记'];

export const HARBIN_STATIONS: StationSeed[] = [
  { id: 'st-dl-01', name: '道里区公共就业服务大厅', kind: 'service_hall', district: '道里区', address: '道里区经纬街 98 号', lat: 45.7651, lng: 126.6121, hours: WEEKDAY, services: S_HALL, phone: '0451-84600101' },
  { id: 'st-dl-02', name: '群力街道家门口就业服务站', kind: 'station', district: '道里区', address: '道里区群力第五大道 1688 号', lat: 45.7402, lng: 126.5591, hours: WEEKDAY, services: S_STATION, phone: '0451-84600102' },
  { id: 'st-dl-03', name: '道里区零工市场（新阳路）', kind: 'gig_market', district: '道里区', address: '道里区新阳路 305 号', lat: 45.7712, lng: 126.5988, hours: MARKET, services: S_MARKET, phone: '0451-84600103' },
  { id: 'st-ng-01', name: '南岗区公共就业服务大厅', kind: 'service_hall', district: '南岗区', address: '南岗区学府路 68 号', lat: 45.7338, lng: 126.6421, hours: WEEKDAY, services: S_HALL, phone: '0451-86300101' },
  { id: 'st-ng-02', name: '花园街道家门口就业服务站', kind: 'station', district: '南岗区', address: '南岗区花园街 210 号', lat: 45.7603, lng: 126.6512, hours: WEEKDAY, services: S_STATION, phone: '0451-86300102' },
  { id: 'st-ng-03', name: '哈西零工市场', kind: 'gig_market', district: '南岗区', address: '南岗区哈西大街 100 号', lat: 45.7258, lng: 126.6089, hours: MARKET, services: S_MARKET, phone: '0451-86300103' },
  { id: 'st-dw-01', name: '道外区公共就业服务大厅', kind: 'service_hall', district: '道外区', address: '道外区南直路 420 号', lat: 45.7845, lng: 126.6602, hours: WEEKDAY, services: S_HALL, phone: '0451-88800101' },
  { id: 'st-dw-02', name: '靖宇街道家门口就业服务站', kind: 'station', district: '道外区', address: '道外区靖宇街 125 号', lat: 45.7902, lng: 126.6398, hours: WEEKDAY, services: S_STATION, phone: '0451-88800102' },
  { id: 'st-dw-03', name: '道外区零工市场（太古街）', kind: 'gig_market', district: '道外区', address: '道外区太古街 66 号', lat: 45.7981, lng: 126.6555, hours: MARKET, services: S_MARKET, phone: '0451-88800103' },
  { id: 'st-xf-01', name: '香坊区公共就业服务大厅', kind: 'service_hall', district: '香坊区', address: '香坊区中山路 188 号', lat: 45.7154, lng: 126.6699, hours: WEEKDAY, services: S_HALL, phone: '0451-55500101' },
  { id: 'st-xf-02', name: '通天街道家门口就业服务站', kind: 'station', district: '香坊区', address: '香坊区通天街 58 号', lat: 45.7051, lng: 126.6912, hours: WEEKDAY, services: S_STATION, phone: '0451-55500102' },
  { id: 'st-xf-03', name: '香坊区零工市场（黎明）', kind: 'gig_market', district: '香坊区', address: '香坊区黎明街 12 号', lat: 45.6932, lng: 126.7101, hours: MARKET, services: S_MARKET, phone: '0451-55500103' },
  { id: 'st-sb-01', name: '松北区公共就业服务大厅', kind: 'service_hall', district: '松北区', address: '松北区世茂大道 99 号', lat: 45.8032, lng: 126.5522, hours: WEEKDAY, services: S_HALL, phone: '0451-88100101' },
  { id: 'st-sb-02', name: '利民街道家门口就业服务站', kind: 'station', district: '松北区', address: '松北区利民大道 1 号', lat: 45.8301, lng: 126.5802, hours: WEEKDAY, services: S_STATION, phone: '0451-88100102' },
  { id: 'st-pf-01', name: '平房区公共就业服务大厅', kind: 'service_hall', district: '平房区', address: '平房区友协大街 36 号', lat: 45.6012, lng: 126.6321, hours: WEEKDAY, services: S_HALL, phone: '0451-86800101' },
  { id: 'st-pf-02', name: '平房区零工市场', kind: 'gig_market', district: '平房区', address: '平房区新疆大街 22 号', lat: 45.5921, lng: 126.6453, hours: MARKET, services: S_MARKET, phone: '0451-86800102' },
  { id: 'st-hl-01', name: '呼兰区公共就业服务大厅', kind: 'service_hall', district: '呼兰区', address: '呼兰区南大街 58 号', lat: 45.8876, lng: 126.5901, hours: WEEKDAY, services: S_HALL, phone: '0451-57300101' },
  { id: 'st-hl-02', name: '兰河街道家门口就业服务站', kind: 'station', district: '呼兰区', address: '呼兰区兰河大街 12 号', lat: 45.8952, lng: 126.5788, hours: WEEKDAY, services: S_STATION, phone: '0451-57300102' },
  { id: 'st-ac-01', name: '阿城区公共就业服务大厅', kind: 'service_hall', district: '阿城区', address: '阿城区延川大街 300 号', lat: 45.5432, lng: 126.9601, hours: WEEKDAY, services: S_HALL, phone: '0451-53700101' },
  { id: 'st-sc-01', name: '双城区公共就业服务大厅', kind: 'service_hall', district: '双城区', address: '双城区承恩街 16 号', lat: 45.3842, lng: 126.3101, hours: WEEKDAY, services: S_HALL, phone: '0451-53100101' },
  { id: 'st-sc-02', name: '双城区零工市场', kind: 'gig_market', district: '双城区', address: '双城区五家街 8 号', lat: 45.3781, lng: 126.3202, hours: MARKET, services: S_MARKET, phone: '0451-53100102' },
];
