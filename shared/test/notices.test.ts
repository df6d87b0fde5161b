import { noticeTarget, quietHoursRelease, tapTemplateIds, templateFor } from '../src/rules/notices';

const china = (s: string) => Date.parse(`${s}+08:00`);

describe('notice rules', () => {
  it('finds a kind\'s template exactly, then by family, then default', () => {
    const t = { 'registration.approved': 'A', registration: 'R', default: 'D' };
    expect(templateFor(t, 'registration.approved')).toBe('A');
    expect(templateFor(t, 'registration.returned')).toBe('R');
    expect(templateFor(t, 'gig.accepted')).toBe('D');
    expect(templateFor({}, 'gig.accepted')).toBeNull();
  });

  it('gives each tap at most 3 distinct template ids', () => {
    expect(tapTemplateIds({ default: 'D' }, 'registration_submit')).toEqual(['D']);
    expect(tapTemplateIds({ 'gig.accepted': 'A', 'gig.declined': 'B', 'gig.start_reminder': 'C' }, 'gig_apply')).toEqual(['A', 'B', 'C']);
    expect(tapTemplateIds({}, 'policy_apply')).toEqual([]);
  });

  it('reads the target page and id', () => {
    expect(noticeTarget('/pages/gig-detail/index?id=abc')).toEqual({ page: '/pages/gig-detail/index', id: 'abc' });
    expect(noticeTarget('/pages/registration/index')).toEqual({ page: '/pages/registration/index', id: null });
    expect(noticeTarget(null)).toBeNull();
  });

  it('quiet hours 22:00–07:00 China time release at the next 07:00', () => {
    expect(quietHoursRelease(china('2026-03-10T21:59:00'))).toBeNull();
    expect(quietHoursRelease(china('2026-03-10T07:00:00'))).toBeNull();
    expect(quietHoursRelease(china('2026-03-10T22:00:00'))).toBe(china('2026-03-11T07:00:00'));
    expect(quietHoursRelease(china('2026-03-11T06:59:00'))).toBe(china('2026-03-11T07:00:00'));
    expect(quietHoursRelease(china('2026-03-11T00:30:00'))).toBe(china('2026-03-11T07:00:00'));
  });
});
