import { personFactsSchema, registrationFacts, type RegistrationForFacts } from '../src';

// 2026-06-15 10:00 in China.
const TODAY = new Date(Date.parse('2026-06-15T10:00:00+08:00'));

const reg = (form: RegistrationForFacts['form'], status: RegistrationForFacts['status'] = 'approved', submittedAt: string | null = '2026-05-20T02:00:00Z'): RegistrationForFacts => ({
  status, form, submittedAt, approvedAt: '2026-05-25T02:00:00Z',
});

describe('registrationFacts', () => {
  it('maps a dismissed 52-year-old man out of work for 18 months: 4050, long-term unemployed, involuntary', () => {
    const facts = registrationFacts(reg({
      birthDate: '1974-03-02', sex: 'male', education: 'junior', unemploymentReason: 'dismissed', lastJobEndDate: '2024-12-10',
      hardships: [], serviceNeeds: ['job_referral', 'skills_training'],
    }), TODAY);
    expect(facts).toEqual({
      age: 52, sex: '男', education: '初中及以下', registeredUnemployed: true, leftJobInvoluntarily: true, unemployedMonths: 18,
      difficulty: ['4050', '长期失业'], wantsTraining: true,
    });
    expect(personFactsSchema.safeParse(facts).success).toBe(true);
  });

  it('counts the age to the day (birthday tomorrow is still the younger age) and in China time', () => {
    expect(registrationFacts(reg({ birthDate: '1986-06-16', sex: 'female' }), TODAY).age).toBe(39);
    expect(registrationFacts(reg({ birthDate: '1986-06-15', sex: 'female' }), TODAY).age).toBe(40);
    expect(registrationFacts(reg({ birthDate: '1986-06-15', sex: 'female' }), TODAY).difficulty).toEqual(['4050']);
    expect(registrationFacts(reg({ birthDate: '1986-06-16', sex: 'female' }), TODAY).difficulty).toEqual([]);
    // 2026-06-14 20:00 UTC is already 06-15 in China.
    expect(registrationFacts(reg({ birthDate: '1986-06-15', sex: 'female' }), new Date('2026-06-14T20:00:00Z')).age).toBe(40);
  });

  it('keeps a graduation year only for graduates of 大专 or above; 困难类别 come from recognised categories only (veterans included), never from the declaration', () => {
    const form = {
      birthDate: '2004-01-10', sex: 'female' as const, education: 'bachelor' as const, graduationYear: 2026, unemploymentReason: 'graduate' as const,
      hardships: ['low_income_family' as const, 'veteran_hardship' as const], serviceNeeds: ['startup' as const],
    };
    expect(registrationFacts(reg(form), TODAY).difficulty).toEqual([]);
    const grad = registrationFacts(reg(form), TODAY, ['low_income_family', 'veteran_hardship']);
    expect(grad).toMatchObject({ age: 22, education: '本科', graduationYear: 2026, leftJobInvoluntarily: false, difficulty: ['低收入家庭', '困难退役军人'], startingBusiness: true });
    expect(personFactsSchema.safeParse(grad).success).toBe(true);
    expect(grad.wantsTraining).toBeUndefined();
    const school = registrationFacts(reg({ education: 'vocational', graduationYear: 2025 }), TODAY);
    expect(school).toMatchObject({ education: '高中/中专/技校' });
    expect(school.graduationYear).toBeUndefined();
  });

  it('counts months out of work from the submission when there was no job, and leaves unknowns out', () => {
    const facts = registrationFacts(reg({ unemploymentReason: 'veteran' }), TODAY);
    expect(facts.unemployedMonths).toBe(0);
    expect(facts.leftJobInvoluntarily).toBe(false);
    const other = registrationFacts(reg({ unemploymentReason: 'other' }), TODAY);
    expect(other.leftJobInvoluntarily).toBeUndefined();
    for (const key of ['insuredYears', 'flexibleEmployedWithInsurance', 'employerSize', 'startingBusiness', 'wantsTraining', 'age', 'sex'] as const) expect(other[key]).toBeUndefined();
  });

  it('after the registration ends the person is no longer registered nor long-term unemployed, other hardships stay', () => {
    const form = { birthDate: '1974-03-02', sex: 'male' as const, unemploymentReason: 'dismissed' as const, lastJobEndDate: '2024-12-10', hardships: ['disabled' as const, 'long_term_unemployed' as const] };
    const recognised = ['disabled', 'long_term_unemployed'];
    expect(registrationFacts(reg(form), TODAY, recognised)).toMatchObject({ registeredUnemployed: true, unemployedMonths: 18, difficulty: ['残疾', '长期失业', '4050'] });
    const exited = registrationFacts(reg(form, 'exited'), TODAY, recognised);
    expect(exited).toMatchObject({ registeredUnemployed: false, difficulty: ['残疾', '4050'] });
    expect(exited.unemployedMonths).toBeUndefined();
  });

  it('drops an age outside what the rules accept instead of producing invalid facts', () => {
    const facts = registrationFacts(reg({ birthDate: '2020-01-01', sex: 'male' }), TODAY);
    expect(facts.age).toBeUndefined();
    expect(personFactsSchema.safeParse(facts).success).toBe(true);
  });
});
