import type { PostGigBody } from '../schemas/gig';
import { inServiceArea, type ServiceArea } from './geo';

export interface GigFieldIssue { field: string; message: string }

/**
 * Requirements the employment law forbids (就业促进法 第三章: 民族、种族、性别、宗教信仰、户籍;
 * 妇女权益保障法: 婚育; 传染病病原携带者). Phrases that say "no restriction" are removed first
 * so 男女不限 / 不限户籍 pass.
 */
const NEUTRAL = [/男女不限/g, /性别不限/g, /不限性别/g, /民族不限/g, /不限民族/g, /户籍不限/g, /不限户籍/g, /户口不限/g, /不限户口/g, /地区不限/g, /不限地区/g, /婚否不限/g, /男女均可/g];
const RULES: { re: RegExp; why: string }[] = [
  { re: /(招|要)(男|女)(工|性|士|生|服务员|保洁|店员)|(限|仅限|只限|只招|只要|仅招|要求)\s*(男|女)|(男|女)(性|士|生)?优先|不(招|要|收)\s*(男|女)|(男|女)(性|士)?(即可|才行)/, why: '不得限定或优先某一性别' },
  { re: /汉族|(限|只要|只招|不招|不要).{0,3}族|少数民族/, why: '不得限定民族' },
  { re: /本地(户口|户籍|人)|户口|户籍|外地人|外省人|农村人|城里人|(限|仅限|只要|只招|不招|不要).{0,4}(籍|省人)|不(招|要)(外地|外省|农村|东北|南方|北方)/, why: '不得限定户籍或地域' },
  { re: /已婚|未婚|未育|已育|孕/, why: '不得限定婚姻或生育状况' },
  { re: /乙肝|携带者/, why: '不得以传染病病原携带为由拒绝录用' },
  { re: /信(教|仰)/, why: '不得限定宗教信仰' },
];

export function findDiscrimination(text: string): string | null {
  let t = text;
  for (const n of NEUTRAL) t = t.replace(n, '');
  for (const r of RULES) if (r.re.test(t)) return r.why;
  return null;
}

/** 'YYYY-MM-DD' + 'HH:mm' in China time (UTC+8, no DST) → instant. */
export function chinaDateTime(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export interface PostingLimits {
  now: Date;
  minWageHourly: number;
  minWageDaily: number;
  area: ServiceArea;
  /** How far ahead a gig may be posted. */
  maxDaysAhead: number;
}

/** Every reason a posting is refused, each naming its field. Empty = acceptable. */
export function checkGigPosting(g: PostGigBody, limits: PostingLimits): GigFieldIssue[] {
  const issues: GigFieldIssue[] = [];
  const titleWhy = findDiscrimination(g.title);
  if (titleWhy) issues.push({ field: 'title', message: `标题含有歧视性内容：${titleWhy}（《就业促进法》）` });
  const reqWhy = findDiscrimination(g.requirements);
  if (reqWhy) issues.push({ field: 'requirements', message: `要求含有歧视性内容：${reqWhy}（《就业促进法》）` });

  if (g.payUnit === 'hour' && g.payAmount < limits.minWageHourly) {
    issues.push({ field: 'payAmount', message: `工钱低于本市小时最低工资标准 ${limits.minWageHourly} 元/小时` });
  }
  if (g.payUnit === 'day' && g.payAmount < limits.minWageDaily) {
    issues.push({ field: 'payAmount', message: `工钱低于本市日最低工资标准 ${limits.minWageDaily} 元/天` });
  }

  const start = chinaDateTime(g.date, g.startTime);
  const end = chinaDateTime(g.date, g.endTime);
  if (Number.isNaN(start.getTime())) issues.push({ field: 'date', message: '日期不存在' });
  else if (end.getTime() <= start.getTime()) issues.push({ field: 'endTime', message: '结束时间必须晚于开始时间' });
  else if (end.getTime() <= limits.now.getTime()) issues.push({ field: 'date', message: '干活时间已经过去了，请重新选择日期和时间' });
  else if (start.getTime() < limits.now.getTime() - 10 * 60_000) issues.push({ field: 'startTime', message: '开始时间已经过去了，请选择现在以后的时间' });
  else if (start.getTime() > limits.now.getTime() + limits.maxDaysAhead * 86400_000) issues.push({ field: 'date', message: `只能发布 ${limits.maxDaysAhead} 天以内的零工` });

  if (!inServiceArea(g.place, limits.area)) issues.push({ field: 'place', message: '干活地点不在本市服务范围内' });
  return issues;
}

/** "180 元/天" */
export function payText(amount: number, unit: 'hour' | 'day' | 'piece'): string {
  const a = Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
  return `${a} ${{ hour: '元/小时', day: '元/天', piece: '元/件' }[unit]}`;
}

/** Pay per day for sorting (8-hour day); piece rates sort after (unknown per day). */
export function dailyPayEstimate(amount: number, unit: 'hour' | 'day' | 'piece'): number {
  return unit === 'hour' ? amount * 8 : unit === 'day' ? amount : -1;
}
