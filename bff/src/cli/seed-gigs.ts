import { creditCodeCheckChar, toChinaDateString, type EmployerOnboardBody, type PostGigBody } from '@doorstep/shared';
import type { BuiltApp } from '../app';

/**
 * Demo gigs for the 零工市场 around Harbin, created through the real services: each demo employer
 * onboards (EmployerService), a demo staff member verifies it, and the employer posts its gigs
 * (GigService, with every posting check). Dates are relative to the day the seed runs. Names,
 * addresses and numbers are illustrative sample data; places are GCJ-02 (the app's datum), set around
 * the GCJ-02 district centres of shared/src/data/harbin.ts.
 */
type Services = Pick<BuiltApp['services'], 'auth' | 'employers' | 'gigs'>;
interface Person { phone: string; name: string }

const code = (first17: string) => first17 + creditCodeCheckChar(first17)!;

interface DemoEmployer {
  phone: string;
  profile: Omit<EmployerOnboardBody, 'contactPhone' | 'commitment'>;
  gigs: (Omit<PostGigBody, 'date' | 'startTime' | 'endTime' | 'contactName' | 'contactPhone' | 'urgent' | 'elderFriendly'> & {
    day: number; startTime: string; endTime: string; urgent?: boolean; elderFriendly?: boolean;
  })[];
}

const DEMO: DemoEmployer[] = [
  {
    phone: '13800000101',
    profile: { kind: 'enterprise', name: '哈尔滨顺达物流有限公司', creditCode: code('91230102MA1CK3LP0'), contactName: '张经理', address: '道里区安发街 88 号' },
    gigs: [
      { title: '仓库搬运装卸工', category: '搬运装卸', headcount: 3, payAmount: 200, payUnit: 'day', settlement: 'daily', day: 1, startTime: '08:00', endTime: '17:00', place: { lat: 45.7685, lng: 126.5985, address: '道里区安发街 88 号仓库' }, requirements: '能干重活，男女不限，管午饭' },
      { title: '快递分拣员（晚班）', category: '快递分拣', headcount: 6, payAmount: 24, payUnit: 'hour', settlement: 'weekly', day: 1, startTime: '18:00', endTime: '23:00', place: { lat: 45.7302, lng: 126.612, address: '南岗区哈西大街 200 号分拣中心' }, requirements: '会用手机扫码，站着干活' },
      { title: '货车卸货（两小时）', category: '搬运装卸', headcount: 2, payAmount: 40, payUnit: 'hour', settlement: 'daily', day: 0, startTime: '', endTime: '', urgent: true, place: { lat: 45.7858, lng: 126.6455, address: '道外区南马路 36 号' }, requirements: '到了找张经理，当天结钱' },
      { title: '仓库理货员', category: '快递分拣', headcount: 4, payAmount: 180, payUnit: 'day', settlement: 'on_completion', day: 2, startTime: '08:30', endTime: '16:30', place: { lat: 45.801, lng: 126.548, address: '松北区世茂大道 66 号' }, requirements: '' },
    ],
  },
  {
    phone: '13800000102',
    profile: { kind: 'individual_business', name: '道里区老张家常菜馆', creditCode: code('92230102MA1DL8QX2'), contactName: '张师傅', address: '道里区中央大街 120 号' },
    gigs: [
      { title: '后厨帮厨', category: '餐饮帮厨', headcount: 2, payAmount: 160, payUnit: 'day', settlement: 'daily', day: 1, startTime: '09:00', endTime: '15:00', place: { lat: 45.774, lng: 126.619, address: '道里区中央大街 120 号' }, requirements: '切菜洗菜，有健康证更好' },
      { title: '午市洗碗保洁', category: '餐饮帮厨', headcount: 1, payAmount: 22, payUnit: 'hour', settlement: 'daily', day: 0, startTime: '', endTime: '', elderFriendly: true, place: { lat: 45.774, lng: 126.619, address: '道里区中央大街 120 号' }, requirements: '活不重，年纪大一点也行' },
      { title: '周末传菜员', category: '餐饮帮厨', headcount: 2, payAmount: 25, payUnit: 'hour', settlement: 'daily', day: 3, startTime: '16:00', endTime: '21:00', place: { lat: 45.774, lng: 126.619, address: '道里区中央大街 120 号' }, requirements: '' },
    ],
  },
  {
    phone: '13800000103',
    profile: { kind: 'household', name: '松北区李女士（家政雇主）', contactName: '李女士', address: '松北区利民大道 180 号' },
    gigs: [
      { title: '家庭保洁半天', category: '家政保洁', headcount: 1, payAmount: 35, payUnit: 'hour', settlement: 'on_completion', day: 1, startTime: '09:00', endTime: '13:00', elderFriendly: true, place: { lat: 45.829, lng: 126.575, address: '松北区利民大道 180 号' }, requirements: '三室一厅，工具我家有' },
      { title: '陪老人去医院（半天）', category: '其他', headcount: 1, payAmount: 150, payUnit: 'day', settlement: 'on_completion', day: 2, startTime: '08:00', endTime: '12:00', place: { lat: 45.812, lng: 126.553, address: '松北区松浦大道 15 号' }, requirements: '细心耐心，会用手机挂号更好' },
    ],
  },
  {
    phone: '13800000104',
    profile: { kind: 'enterprise', name: '哈尔滨安居装修工程有限公司', creditCode: code('91230103MA1EG5RT7'), contactName: '王工', address: '南岗区学府路 300 号' },
    gigs: [
      { title: '小区外墙清理小工', category: '建筑零工', headcount: 5, payAmount: 220, payUnit: 'day', settlement: 'daily', day: 1, startTime: '07:00', endTime: '16:00', place: { lat: 45.725, lng: 126.64, address: '南岗区学府路 300 号小区' }, requirements: '不恐高，工地提供安全帽' },
      { title: '暖气片安装帮工', category: '维修安装', headcount: 2, payAmount: 250, payUnit: 'day', settlement: 'daily', day: 2, startTime: '08:00', endTime: '17:00', place: { lat: 45.716, lng: 126.67, address: '香坊区中山路 200 号' }, requirements: '干过水暖的优先' },
    ],
  },
  {
    phone: '13800000105',
    profile: { kind: 'individual_business', name: '香坊区好邻居超市', creditCode: code('92230110MA1FH6WU3'), contactName: '刘老板', address: '香坊区通天街 30 号' },
    gigs: [
      { title: '超市促销导购', category: '促销导购', headcount: 3, payAmount: 20, payUnit: 'hour', settlement: 'weekly', day: 1, startTime: '10:00', endTime: '18:00', place: { lat: 45.705, lng: 126.688, address: '香坊区通天街 30 号' }, requirements: '说话清楚，会介绍商品' },
      { title: '夜间看店值守', category: '保安值守', headcount: 1, payAmount: 150, payUnit: 'day', settlement: 'weekly', day: 1, startTime: '19:00', endTime: '23:00', elderFriendly: true, place: { lat: 45.705, lng: 126.688, address: '香坊区通天街 30 号' }, requirements: '' },
      { title: '大棚蔬菜采摘', category: '农业采摘', headcount: 10, payAmount: 5, payUnit: 'piece', settlement: 'on_completion', day: 3, startTime: '06:00', endTime: '11:00', place: { lat: 45.9, lng: 126.6, address: '呼兰区兰河街道大棚基地' }, requirements: '按筐计，每筐 5 元，包来回车' },
    ],
  },
];

/** Every place the demo gigs use (GCJ-02, like the district centres); the GCJ-02 migration leaves these alone. */
export const DEMO_GIG_PLACES: { lat: number; lng: number }[] = DEMO.flatMap((e) => e.gigs.map((g) => ({ lat: g.place.lat, lng: g.place.lng })));

/** Today's gigs start at the next full hour + 1 for 3 hours when that still ends by 22:00; else tomorrow morning. */
function when(day: number, startTime: string, endTime: string, nowMs: number) {
  const today = toChinaDateString(new Date(nowMs));
  const plus = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  if (day > 0) return { date: plus(day), startTime, endTime, today: false };
  const hour = new Date(nowMs + 8 * 3_600_000).getUTCHours() + 2;
  if (hour + 3 <= 22) return { date: today, startTime: `${String(hour).padStart(2, '0')}:00`, endTime: `${String(hour + 3).padStart(2, '0')}:00`, today: true };
  return { date: plus(1), startTime: '09:00', endTime: '12:00', today: false };
}

/**
 * Onboards and verifies the demo employers and posts their gigs. Idempotent: an employer that has
 * posted anything already is left alone. Returns how many gigs were posted.
 */
export async function seedDemoGigs(services: Services, staff: Person & { center: string }, names: Person[] = [], nowMs = Date.now()): Promise<number> {
  const staffUser = await services.auth.upsertStaff(staff.phone, staff.name, staff.center);
  let posted = 0;
  for (const e of DEMO) {
    const name = names.find((n) => n.phone === e.phone)?.name ?? e.profile.name;
    const user = await services.auth.ensureUser(e.phone, { roles: ['worker', 'employer'], activeRole: 'employer', displayName: name });
    if (await services.gigs.models.Gig.exists({ ownerId: user.id })) continue;
    let employer = (await services.employers.mine(user.id)).employer;
    if (!employer) employer = (await services.employers.onboard(user.id, { ...e.profile, name, contactPhone: e.phone, commitment: false })).employer;
    if (employer && (employer.status === 'pending' || employer.status === 'commitment')) await services.employers.review(staffUser.id, employer.id, { decision: 'approve' });
    for (const g of e.gigs) {
      const { day, urgent, elderFriendly, startTime, endTime, ...rest } = g;
      const w = when(day, startTime, endTime, nowMs);
      await services.gigs.post(user.id, {
        ...rest, date: w.date, startTime: w.startTime, endTime: w.endTime, contactName: e.profile.contactName, contactPhone: e.phone,
        urgent: Boolean(urgent && w.today), elderFriendly: Boolean(elderFriendly),
      });
      posted += 1;
    }
  }
  return posted;
}
