import {
  EXIT_REASONS, EXIT_REASON_RULES, STAFF_EXIT_REASONS, WORKER_EXIT_REASONS, addMonthsToDate, exitReasonForEmployment, mayRecordExit, noContactCheck,
  registrationRetiresOn, stableIncomeProblem, INSURANCE_STOP_REASONS, exitFormFields, exitFormProblems,
} from '../src';
import { staffExitBodySchema } from '../src/schemas/registration';

describe('第六十三条 exit reasons', () => {
  it('covers every item (一)–(十一) and says who may record each', () => {
    const clauses = new Set(EXIT_REASONS.map((r) => EXIT_REASON_RULES[r].clause).filter(Boolean));
    expect([...clauses].sort()).toEqual(['（一）', '（七）', '（三）', '（九）', '（二）', '（五）', '（八）', '（六）', '（十一）', '（十）', '（四）'].sort());
    expect(WORKER_EXIT_REASONS).toEqual(['employed', 'self_employed', 'stable_income', 'pension', 'enrolled', 'military', 'emigrated', 'cancel']);
    expect(STAFF_EXIT_REASONS).toEqual([...WORKER_EXIT_REASONS.slice(0, 4), 'incapacitated', 'enrolled', 'military', 'emigrated', 'imprisoned', 'cancel', 'refused_service', 'no_contact', 'other']);
    for (const r of ['employment_registered', 'retirement_age'] as const) {
      expect([mayRecordExit(r, 'worker'), mayRecordExit(r, 'staff'), mayRecordExit(r, 'system')]).toEqual([false, false, true]);
    }
    for (const r of EXIT_REASONS) expect(INSURANCE_STOP_REASONS).toContain(EXIT_REASON_RULES[r].insuranceStop);
  });

  it('stable income: at the minimum wage counts, one yuan under does not', () => {
    expect(stableIncomeProblem(1860, 1860)).toBeNull();
    expect(stableIncomeProblem(1859, 1860)).toContain('低于本市最低工资标准 1860 元');
    expect(stableIncomeProblem(undefined, 1860)).toBe('请填写月收入');
  });

  it('six months without contact: from the same day six months on, month ends clamped', () => {
    expect(noContactCheck('2026-01-15', '2026-07-14')).toMatchObject({ allowed: false, from: '2026-07-15' });
    expect(noContactCheck('2026-01-15', '2026-07-15')).toMatchObject({ allowed: true, from: '2026-07-15', message: null });
    expect(addMonthsToDate('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsToDate('2027-08-31', 6)).toBe('2028-02-29');
    expect(noContactCheck(null, '2026-07-15').allowed).toBe(false);
  });

  it('就业登记 kinds map to the matching exit reason', () => {
    expect(['labor_contract', 'public_welfare', 'self_employed', 'flexible'].map((k) => exitReasonForEmployment(k as never))).toEqual(['employed', 'employed', 'self_employed', 'employment_registered']);
  });

  it('the retirement day of a registrant follows the 2025 reform by sex and category', () => {
    expect(registrationRetiresOn({ birthDate: '1966-01-15', sex: 'male' })).toBe('2026-05-15');
    // Women without a category are taken at the earlier (worker) age.
    expect(registrationRetiresOn({ birthDate: '1976-03-31', sex: 'female' })).toBe(registrationRetiresOn({ birthDate: '1976-03-31', sex: 'female', retirementCategory: 'female_worker' }));
    expect(registrationRetiresOn({ birthDate: '1971-04-10', sex: 'female', retirementCategory: 'female_cadre' })).toBe('2026-08-10');
    expect(registrationRetiresOn({ birthDate: '1990-02-30', sex: 'male' })).toBeNull();
    expect(registrationRetiresOn({})).toBeNull();
  });
});

describe('exit form fields per reason', () => {
  it('asks each reason for what the exit schemas require, with the same messages', () => {
    expect(exitFormFields('employed')).toMatchObject({ employer: true, employerLabel: '就业单位', monthlyIncome: false, eventDate: false, note: 'optional' });
    expect(exitFormFields('self_employed').employerLabel).toBe('个体工商户或企业名称');
    expect(exitFormFields('stable_income')).toMatchObject({ employer: false, monthlyIncome: true, eventDate: true });
    expect(exitFormFields('other').note).toBe('required');
    expect(exitFormFields('no_contact')).toMatchObject({ contactHistory: true, note: 'optional' });
    expect(exitFormFields('cancel')).toMatchObject({ employer: false, monthlyIncome: false, note: 'optional', contactHistory: false });
    expect(exitFormProblems('employed', {})).toEqual({ employer: '请填写就业单位', employedOn: '请填写就业日期' });
    expect(exitFormProblems('self_employed', { employer: '  ', employedOn: '2026-01-02' })).toEqual({ employer: '请填写个体工商户或企业名称' });
    expect(exitFormProblems('stable_income', {})).toEqual({ monthlyIncome: '请填写月收入' });
    expect(exitFormProblems('stable_income', { monthlyIncome: 0 })).toEqual({});
    expect(exitFormProblems('incapacitated', { note: '' }).note).toContain('完全丧失劳动能力');
    expect(exitFormProblems('pension', {})).toEqual({});
  });

  it('matches what the BFF schemas answer for every staff reason', () => {
    for (const reason of STAFF_EXIT_REASONS) {
      const r = staffExitBodySchema.safeParse({ reason });
      const fromSchema: Record<string, string> = {};
      if (!r.success) for (const i of r.error.issues) fromSchema[String(i.path[0])] = i.message;
      expect(fromSchema).toEqual(exitFormProblems(reason, {}));
    }
  });
});
