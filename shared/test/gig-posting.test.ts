import { checkGigPosting, chinaDateTime, creditCodeCheckChar, employerOnboardBodySchema, findDiscrimination, isValidCreditCode, postGigBodySchema, type PostGigBody } from '../src';

const NOW = new Date('2026-03-10T02:00:00Z'); // 10:00 in China
const LIMITS = { now: NOW, minWageHourly: 18, minWageDaily: 86, maxDaysAhead: 30, area: { minLat: 44, maxLat: 46.7, minLng: 125.6, maxLng: 130.3 } };
const base: PostGigBody = postGigBodySchema.parse({
  title: '仓库搬运装卸工', category: '搬运装卸', headcount: 3, payAmount: 200, payUnit: 'day', settlement: 'daily',
  date: '2026-03-10', startTime: '13:00', endTime: '18:00', place: { lat: 45.75, lng: 126.62, address: '道里区安静街 10 号' },
  requirements: '能吃苦，男女不限', contactName: '张经理', contactPhone: '13800000101',
});
const fieldsOf = (over: Partial<PostGigBody>) => checkGigPosting({ ...base, ...over }, LIMITS).map((i) => i.field);

describe('posting checks', () => {
  it('accepts a good posting', () => expect(checkGigPosting(base, LIMITS)).toEqual([]));
  it.each([
    ['限男性', '性别'], ['女士优先', '性别'], ['只招男工', '性别'], ['不要女的', '性别'],
    ['限汉族', '民族'], ['限本地户口', '户籍'], ['不招外地人', '户籍'], ['限黑龙江籍', '户籍'],
    ['未婚未育', '婚姻'], ['乙肝携带者勿扰', '传染病'],
  ])('refuses discriminatory requirement %s', (text, why) => {
    const issues = checkGigPosting({ ...base, requirements: text }, LIMITS);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe('requirements');
    expect(issues[0]!.message).toContain(why);
  });
  it.each(['男女不限', '民族不限，户籍不限', '身体健康，能干重活', '会开叉车优先', '不要求本人带工具'])('lets %s pass', (text) => {
    expect(findDiscrimination(text)).toBeNull();
  });
  it('checks the title as well', () => {
    expect(fieldsOf({ title: '招女服务员两名' })).toEqual(['title']);
    expect(fieldsOf({ title: '招男女工各两名' })).toEqual([]);
  });
  it('refuses pay under the minimum wage', () => {
    expect(fieldsOf({ payUnit: 'hour', payAmount: 17.5 })).toEqual(['payAmount']);
    expect(fieldsOf({ payUnit: 'hour', payAmount: 18 })).toEqual([]);
    expect(fieldsOf({ payUnit: 'day', payAmount: 85 })).toEqual(['payAmount']);
    expect(fieldsOf({ payUnit: 'piece', payAmount: 0.5 })).toEqual([]);
  });
  it('refuses past or reversed windows and far-off dates', () => {
    expect(fieldsOf({ endTime: '12:00' })).toEqual(['endTime']);
    expect(fieldsOf({ date: '2026-03-09' })).toEqual(['date']);
    expect(fieldsOf({ startTime: '08:00', endTime: '09:00' })).toEqual(['date']);
    expect(fieldsOf({ startTime: '08:00', endTime: '12:00' })).toEqual(['startTime']);
    expect(fieldsOf({ date: '2026-05-01' })).toEqual(['date']);
  });
  it('refuses places outside the service area', () => {
    expect(fieldsOf({ place: { lat: 39.9, lng: 116.4, address: '北京市东城区' } })).toEqual(['place']);
  });
  it('uses China time', () => expect(chinaDateTime('2026-03-10', '08:00').toISOString()).toBe('2026-03-10T00:00:00.000Z'));
  it('validates headcount in the schema', () => {
    expect(postGigBodySchema.safeParse({ ...base, headcount: 0 }).success).toBe(false);
    expect(postGigBodySchema.safeParse({ ...base, headcount: 5000 }).success).toBe(false);
  });
});

describe('统一社会信用代码', () => {
  it('accepts codes with a correct check character', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91230100MA1B2C3D4' + creditCodeCheckChar('91230100MA1B2C3D4'))).toBe(true);
  });
  it('refuses wrong check characters, lengths and letters', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M0001O0Y43')).toBe(false);
  });
  it('is required for companies, not for households', () => {
    const b = { kind: 'enterprise', name: '顺达物流', contactName: '张三', contactPhone: '13800000101', address: '道里区安静街 10 号' };
    const r = employerOnboardBodySchema.safeParse(b);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['creditCode']);
    expect(employerOnboardBodySchema.safeParse({ ...b, kind: 'household' }).success).toBe(true);
    expect(employerOnboardBodySchema.safeParse({ ...b, kind: 'household', commitment: true }).success).toBe(false);
  });
});
