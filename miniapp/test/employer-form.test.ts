import type { EmployerGig } from '@doorstep/shared'
import { creditCodeCheckChar, creditCodeProblem } from '../src/packages/employer/credit-code'
import { formFromGig } from '../src/packages/employer/form'

describe('统一社会信用代码', () => {
  it('accepts a code whose check character matches (GB 32100-2015)', () => {
    // Published example code of a real registration, used as a known-good vector.
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull()
    expect(creditCodeProblem(' 91350100m000100y43 ')).toBeNull()
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
  })
  it('explains what is wrong', () => {
    expect(creditCodeProblem('')).toContain('请填写')
    expect(creditCodeProblem('91350100M000100Y4')).toContain('现在是 17 位')
    expect(creditCodeProblem('91350100M000100YO3')).toContain('不该出现的字符')
    expect(creditCodeProblem('91350100M000100Y44')).toContain('校验码')
  })
})

const earlier: EmployerGig = {
  id: 'g1', title: '仓库搬运装卸工', category: '搬运装卸', payAmount: 200, payUnit: 'day', payText: '200 元/天', settlement: 'daily',
  date: '2026-03-01', startTime: '08:00', endTime: '17:00', headcount: 3, remaining: 0, address: '道里区安静街 10 号仓库', lat: 45.75, lng: 126.61,
  urgent: true, elderFriendly: true, commitment: false, employerName: '顺达物流', employerRating: { average: null, count: 0 }, status: 'closed',
  createdAt: '2026-03-01T00:00:00Z', distanceM: null, distanceText: null, requirements: '能干重活', contactName: '张经理', contactPhone: '13800000101',
  reviewNote: null, applicantCount: 3, filled: 3, notifiedWorkers: 2,
}

describe('再发一次', () => {
  it('copies the post but takes the new date and never carries 即时快招 over', () => {
    const f = formFromGig(earlier, { date: '2026-03-11', startTime: '08:00', endTime: '17:00' }, '2026-03-10')
    expect(f).toMatchObject({
      title: '仓库搬运装卸工', category: '搬运装卸', headcount: '3', payAmount: '200', payUnit: 'day', settlement: 'daily', date: '2026-03-11',
      startTime: '08:00', endTime: '17:00', lat: 45.75, lng: 126.61, address: '道里区安静街 10 号仓库', requirements: '能干重活', contactPhone: '13800000101',
      urgent: false, elderFriendly: true,
    })
  })
  it('keeps the old hours on a later day, and on today only when they are still ahead', () => {
    expect(formFromGig({ ...earlier, startTime: '13:00', endTime: '18:00' }, { date: '2026-03-12', startTime: '08:00', endTime: '17:00' }, '2026-03-10')).toMatchObject({ startTime: '13:00', endTime: '18:00' })
    expect(formFromGig({ ...earlier, startTime: '13:00', endTime: '18:00' }, { date: '2026-03-10', startTime: '11:00', endTime: '15:00' }, '2026-03-10')).toMatchObject({ startTime: '13:00', endTime: '18:00' })
    expect(formFromGig(earlier, { date: '2026-03-10', startTime: '11:00', endTime: '15:00' }, '2026-03-10')).toMatchObject({ startTime: '11:00', endTime: '15:00' })
  })
})
