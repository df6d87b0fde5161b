// The mini-program copies a few constants and rules from shared (a runtime import would bundle zod):
// these tests fail when a copy drifts from the original.
import * as shared from '@doorstep/shared'
import { creditCodeProblem } from '../src/packages/employer/credit-code'
import { formatDistance, GIG_CATEGORIES, PAY_UNIT_LABEL, RADII_KM, REPORT_REASON_LABEL, SETTLEMENT_LABEL, STATION_KIND_LABEL } from '../src/pages/gigs/format'

it('label maps equal the shared ones', () => {
  expect(GIG_CATEGORIES).toEqual([...shared.GIG_CATEGORIES])
  expect(PAY_UNIT_LABEL).toEqual(shared.PAY_UNIT_LABEL)
  expect(SETTLEMENT_LABEL).toEqual(shared.SETTLEMENT_LABEL)
  expect(REPORT_REASON_LABEL).toEqual(shared.REPORT_REASON_LABEL)
  expect(STATION_KIND_LABEL).toEqual(shared.STATION_KIND_LABEL)
  expect([...RADII_KM]).toEqual([...shared.RADII_KM])
})

it('distance text equals the server formatting', () => {
  for (const m of [0, 4, 5, 994, 995, 999, 1000, 1049, 1050, 9949, 9950, 9999, 10_000, 10_499, 10_500, 123_456]) expect(formatDistance(m)).toBe(shared.formatDistance(m))
})

it('credit code check agrees with the server on random and mutated codes', () => {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  let seed = 7
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n }
  for (let i = 0; i < 500; i += 1) {
    const body = '91' + Array.from({ length: 6 }, () => String(rnd(10))).join('') + Array.from({ length: 9 }, () => alphabet[rnd(31)]).join('')
    const good = body + shared.creditCodeCheckChar(body)
    const bad = body + alphabet[(alphabet.indexOf(good[17]!) + 1 + rnd(30)) % 31]
    expect(creditCodeProblem(good) === null).toBe(shared.isValidCreditCode(good))
    expect(creditCodeProblem(bad) === null).toBe(shared.isValidCreditCode(bad))
    expect(creditCodeProblem(good)).toBeNull()
    expect(creditCodeProblem(bad)).not.toBeNull()
  }
})
