import {
  CHINA_HOLIDAY_CALENDAR as CAL,
  addWorkdays,
  calendarCovers,
  holidayCalendarSchema,
  isWorkday,
  toChinaDateString,
  workdaysBetween,
  workdaysLeft,
  type HolidayCalendar,
} from '../src';

describe('isWorkday', () => {
  it('counts a Saturday 调休 day as a working day', () => {
    expect(isWorkday('2025-10-11', CAL)).toBe(true); // Sat, 国庆 make-up day
    expect(isWorkday('2026-02-28', CAL)).toBe(true); // Sat, 春节 make-up day
    expect(isWorkday('2025-09-28', CAL)).toBe(true); // Sun, 国庆 make-up day
    expect(isWorkday('2025-10-18', CAL)).toBe(false); // an ordinary Saturday
  });
  it('treats holiday weekdays as days off', () => {
    expect(isWorkday('2025-10-08', CAL)).toBe(false); // Wed inside 国庆 2025
    expect(isWorkday('2025-01-28', CAL)).toBe(false); // 除夕 (new statutory day from 2025)
    expect(isWorkday('2025-05-02', CAL)).toBe(false); // 5月2日 (new statutory day from 2025)
    expect(isWorkday('2026-01-02', CAL)).toBe(false); // Fri, 元旦 2026
    expect(isWorkday('2025-10-09', CAL)).toBe(true);
  });
  it('reads Dates in China time, not the machine timezone', () => {
    expect(toChinaDateString(new Date('2025-09-30T15:59:59Z'))).toBe('2025-09-30');
    expect(toChinaDateString(new Date('2025-09-30T16:00:00Z'))).toBe('2025-10-01');
    expect(isWorkday(new Date('2025-09-30T15:59:59Z'), CAL)).toBe(true);
    expect(isWorkday(new Date('2025-09-30T16:00:00Z'), CAL)).toBe(false);
  });
  it('rejects malformed dates', () => {
    expect(() => isWorkday('2025-02-30', CAL)).toThrow(RangeError);
    expect(() => isWorkday(new Date('nope'), CAL)).toThrow(RangeError);
  });
});

describe('addWorkdays', () => {
  it('plain weeks: Friday + 7 working days is the Tuesday of the week after next', () => {
    expect(addWorkdays('2025-03-07', 7, CAL)).toBe('2025-03-18');
    expect(addWorkdays('2025-03-07', 1, CAL)).toBe('2025-03-10');
    expect(addWorkdays('2025-03-08', 1, CAL)).toBe('2025-03-10'); // from a Saturday, the start never counts
    expect(addWorkdays('2025-03-07', 0, CAL)).toBe('2025-03-07');
  });
  it('spans National Day 2025 (10-01..10-08 off, 09-28 and 10-11 worked)', () => {
    // 09-26 Fri → 09-28 Sun(1) 09-29(2) 09-30(3) | holiday | 10-09(4) 10-10(5) 10-11 Sat(6) 10-13 Mon(7)
    expect(addWorkdays('2025-09-26', 7, CAL)).toBe('2025-10-13');
    expect(addWorkdays('2025-09-30', 1, CAL)).toBe('2025-10-09');
  });
  it('spans Spring Festival 2026 (02-15..02-23 off, 02-14 and 02-28 worked)', () => {
    // 02-12 Thu → 02-13(1) 02-14 Sat(2) | holiday | 02-24(3) 25(4) 26(5) 27(6) 02-28 Sat(7)
    expect(addWorkdays('2026-02-12', 7, CAL)).toBe('2026-02-28');
    expect(addWorkdays('2026-02-12', 8, CAL)).toBe('2026-03-02');
  });
  it('counts backwards for negative n', () => {
    expect(addWorkdays('2025-10-13', -7, CAL)).toBe('2025-09-26');
    expect(addWorkdays('2025-03-18', -7, CAL)).toBe('2025-03-07');
  });
  it('accepts a Date (China time) as the start', () => {
    // 2025-09-26 20:00 UTC is already Saturday 09-27 in China
    expect(addWorkdays(new Date('2025-09-26T20:00:00Z'), 1, CAL)).toBe('2025-09-28');
  });
  it('rejects a non-integer count', () => {
    expect(() => addWorkdays('2025-03-07', 1.5, CAL)).toThrow(RangeError);
  });
});

describe('workdaysBetween', () => {
  it('counts working days after a up to and including b', () => {
    expect(workdaysBetween('2025-09-26', '2025-10-13', CAL)).toBe(7);
    expect(workdaysBetween('2025-10-13', '2025-09-26', CAL)).toBe(-7);
    expect(workdaysBetween('2025-10-01', '2025-10-08', CAL)).toBe(0);
    expect(workdaysBetween('2025-03-07', '2025-03-07', CAL)).toBe(0);
  });
  it('is the inverse of addWorkdays across a whole year', () => {
    for (let i = 0; i < 365; i += 3) {
      const start = toChinaDateString(new Date(Date.UTC(2025, 0, 1 + i)));
      for (const n of [1, 5, 15]) expect(workdaysBetween(start, addWorkdays(start, n, CAL), CAL)).toBe(n);
    }
  });
  it('counts the published working days of 2025 and 2026', () => {
    const count = (y: number) => workdaysBetween(`${y - 1}-12-31`, `${y}-12-31`, CAL);
    // 2025: 261 Mon–Fri days − 18 holiday weekdays (1+6+1+3+1+6) + 5 make-up weekend days
    expect(count(2025)).toBe(248);
    // 2026: 261 Mon–Fri days − 19 holiday weekdays (2+6+1+3+1+1+5) + 6 make-up weekend days
    expect(count(2026)).toBe(248);
  });
});

describe('calendarCovers', () => {
  it('knows which years are published and treats others as plain weeks', () => {
    expect(calendarCovers('2025-12-31', CAL)).toBe(true);
    expect(calendarCovers(new Date('2026-12-31T16:00:00Z'), CAL)).toBe(false); // 2027-01-01 in China
    expect(calendarCovers('2027-10-01', CAL)).toBe(false);
    expect(isWorkday('2027-10-01', CAL)).toBe(true); // a Friday, no data yet
    // 2026-12-31 Thu + 2 → 2027-01-01 Fri (no holiday data for 2027), 2027-01-04 Mon
    expect(addWorkdays('2026-12-31', 2, CAL)).toBe('2027-01-04');
  });
});

describe('holidayCalendarSchema', () => {
  it('accepts the shipped calendar', () => {
    expect(holidayCalendarSchema.safeParse(CAL).success).toBe(true);
  });
  it('catches mistakes staff could make when editing', () => {
    const bad: HolidayCalendar = {
      years: { '2027': { holidays: ['2027-02-30', '2026-10-01', '2027-10-01'], workdays: ['2027-09-29', '2027-10-01'] } },
    };
    const r = holidayCalendarSchema.safeParse(bad);
    expect(r.success).toBe(false);
    if (!r.success) {
      const messages = r.error.issues.map((i) => i.message);
      expect(messages).toEqual(expect.arrayContaining([
        '日期应为 YYYY-MM-DD 格式的真实日期',
        '2026-10-01 不在 2027 年内',
        '2027-09-29 不是周末，无需列为调休上班日',
      ]));
    }
  });
  it('flags a date listed both as holiday and workday', () => {
    const r = holidayCalendarSchema.safeParse({ years: { '2028': { holidays: ['2028-01-01'], workdays: ['2028-01-01'] } } });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.message)).toContain('2028-01-01 同时被列为放假日和上班日');
  });
});

describe('workdaysLeft', () => {
  it('is positive before the deadline, 0 on it and the working days overdue after it, across 国庆 2025', () => {
    // 2025-09-30 (Tue) → 2025-10-09 (Thu): 10-01..10-08 off, so only 10-09 counts.
    expect(workdaysLeft('2025-09-30', '2025-10-09', CAL)).toBe(1);
    expect(workdaysLeft('2025-10-09', '2025-10-09', CAL)).toBe(0);
    // Deadline 09-30, today 10-10 (Fri): 10-09 and 10-10 are the working days overdue.
    expect(workdaysLeft('2025-10-10', '2025-09-30', CAL)).toBe(-2);
    // The same as counting the overdue days forward from the deadline.
    expect(workdaysLeft('2025-10-13', '2025-09-26', CAL)).toBe(-workdaysBetween('2025-09-26', '2025-10-13', CAL));
  });
});
