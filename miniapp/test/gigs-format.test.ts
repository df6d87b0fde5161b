import {
  addDays, chinaTimeText, chinaToday, dateLabel, defaultWindow, expectedPay, fieldErrorsOf, formatDistance, hasMore, nearbyQuery, payParts, ratingText, seatsText, whenText, windowMinutes,
} from '../src/pages/gigs/format'

describe('dates in China time', () => {
  it('takes today from UTC+8 whatever the phone zone', () => {
    expect(chinaToday(Date.parse('2026-03-10T15:59:00Z'))).toBe('2026-03-10')
    expect(chinaToday(Date.parse('2026-03-10T16:00:00Z'))).toBe('2026-03-11')
  })
  it('adds days across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
  it('says 今天 / 明天 / 后天, otherwise the date with its weekday', () => {
    expect(dateLabel('2026-03-10', '2026-03-10')).toBe('今天')
    expect(dateLabel('2026-03-11', '2026-03-10')).toBe('明天')
    expect(dateLabel('2026-03-12', '2026-03-10')).toBe('后天')
    expect(dateLabel('2026-03-14', '2026-03-10')).toBe('3月14日 周六')
    expect(dateLabel('2026-03-09', '2026-03-10')).toBe('3月9日 周一')
    expect(whenText({ date: '2026-03-11', startTime: '08:00', endTime: '17:00' }, '2026-03-10')).toBe('明天 08:00-17:00')
  })
})

describe('pay', () => {
  it('splits amount and unit, keeping cents only when there are any', () => {
    expect(payParts(200, 'day')).toEqual({ amount: '200', unit: '元/天' })
    expect(payParts(22.5, 'hour')).toEqual({ amount: '22.50', unit: '元/小时' })
    expect(payParts(5, 'piece')).toEqual({ amount: '5', unit: '元/件' })
  })
  it('estimates what one worker gets for the whole gig', () => {
    expect(windowMinutes('08:30', '17:00')).toBe(510)
    expect(windowMinutes('17:00', '08:00')).toBe(0)
    expect(expectedPay({ payAmount: 200, payUnit: 'day', startTime: '08:00', endTime: '17:00' })).toBe(200)
    expect(expectedPay({ payAmount: 22.5, payUnit: 'hour', startTime: '10:30', endTime: '14:00' })).toBe(78.75)
    expect(expectedPay({ payAmount: 5, payUnit: 'piece', startTime: '06:00', endTime: '11:00' })).toBeNull()
  })
})

describe('texts', () => {
  it('formats distances like the server', () => {
    expect(formatDistance(3)).toBe('10 米')
    expect(formatDistance(849)).toBe('850 米')
    expect(formatDistance(1234)).toBe('1.2 公里')
    expect(formatDistance(12_345)).toBe('12 公里')
  })
  it('shows ratings and seats', () => {
    expect(ratingText({ average: null, count: 0 })).toBe('暂无评价')
    expect(ratingText({ average: 4.8, count: 12 })).toBe('4.8 分 · 12 次评价')
    expect(ratingText({ average: 5, count: 1 }, '新老板')).toBe('5.0 分 · 1 次评价')
    expect(seatsText({ headcount: 3, remaining: 2 })).toBe('招 3 人，还差 2 人')
    expect(seatsText({ headcount: 3, remaining: 0 })).toBe('已招满')
  })
})

describe('nearby query', () => {
  it('leaves out empty filters and rounds coordinates', () => {
    expect(nearbyQuery({ lat: 45.76051234567, lng: 126.6094, radiusKm: 5, sort: 'distance', page: 1 })).toBe('lat=45.760512&lng=126.6094&radiusKm=5&sort=distance&page=1&pageSize=20')
  })
  it('encodes every filter', () => {
    const q = nearbyQuery({ lat: 45.7, lng: 126.6, radiusKm: 10, sort: 'pay', category: '搬运装卸', settlement: 'daily', date: '2026-03-11', elder: true, page: 2, pageSize: 10 })
    expect(q).toBe(`lat=45.7&lng=126.6&radiusKm=10&sort=pay&category=${encodeURIComponent('搬运装卸')}&settlement=daily&date=2026-03-11&elder=true&page=2&pageSize=10`)
    expect(nearbyQuery({ lat: 45.7, lng: 126.6, radiusKm: 1, sort: 'newest', elder: false, page: 1 })).not.toContain('elder')
  })
  it('knows when there is more to load', () => {
    expect(hasMore(20, 45)).toBe(true)
    expect(hasMore(45, 45)).toBe(false)
    expect(hasMore(0, 0)).toBe(false)
  })
})

describe('default posting window', () => {
  it('is today from two hours ahead while it ends by 21:00', () => {
    expect(defaultWindow(Date.parse('2026-03-10T01:20:00Z'))).toEqual({ date: '2026-03-10', startTime: '11:00', endTime: '15:00' }) // 09:20
    expect(defaultWindow(Date.parse('2026-03-10T07:59:00Z'))).toEqual({ date: '2026-03-10', startTime: '17:00', endTime: '21:00' }) // 15:59
  })
  it('is tomorrow morning when today is too late', () => {
    expect(defaultWindow(Date.parse('2026-03-10T08:00:00Z'))).toEqual({ date: '2026-03-11', startTime: '08:00', endTime: '17:00' }) // 16:00
    expect(defaultWindow(Date.parse('2026-03-10T15:30:00Z'))).toEqual({ date: '2026-03-11', startTime: '08:00', endTime: '17:00' }) // 23:30
  })
})

describe('field errors', () => {
  it('keys by the first path segment, first message wins, junk ignored', () => {
    expect(fieldErrorsOf([{ field: 'place.address', message: '地址太短' }, { field: 'place', message: '不在服务范围' }, { field: 'title', message: '标题含有歧视性内容' }, null, { field: 1 }])).toEqual({
      place: '地址太短',
      title: '标题含有歧视性内容',
    })
    expect(fieldErrorsOf(undefined)).toEqual({})
  })
})

describe('instants in China time', () => {
  const now = Date.parse('2026-03-10T04:00:00Z') // 12:00 in Harbin
  it('says 今天 / 昨天 or the date, in UTC+8', () => {
    expect(chinaTimeText('2026-03-10T05:59:00.000Z', now)).toBe('今天 13:59')
    expect(chinaTimeText('2026-03-09T16:30:00.000Z', now)).toBe('今天 00:30')
    expect(chinaTimeText('2026-03-09T15:30:00.000Z', now)).toBe('昨天 23:30')
    expect(chinaTimeText('2026-03-01T10:00:00.000Z', now)).toBe('3月1日 18:00')
    expect(chinaTimeText('nonsense', now)).toBe('')
  })
})
