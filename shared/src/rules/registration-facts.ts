/**
 * 政策找人: what an unemployment registration tells the policy rules about a person. Pure: the BFF
 * calls it when a registration is approved (or leaves the approved state) and hands the result to
 * the policy service, which records the facts and notifies the person of the policies they now fit.
 *
 * Only what the registration actually says is mapped; facts it cannot know (years of unemployment
 * insurance, flexible employment with social insurance) are left out rather than guessed, so the
 * rules treat them as "not given" and never claim eligibility on an assumption.
 */
import type { PersonFacts } from '../schemas/policy';
import type { RegistrationForm, RegistrationStatus } from '../schemas/registration';
import { recognisedDifficulties } from './assistance';
import { ageOn, monthsBetween } from './registration';
import { toChinaDateString } from './workdays';

export interface RegistrationForFacts {
  status: RegistrationStatus;
  form: Omit<RegistrationForm, 'idNumber'>;
  submittedAt?: Date | string | null;
  approvedAt?: Date | string | null;
}

type Difficulty = NonNullable<PersonFacts['difficulty']>[number];

const EDUCATION: Record<NonNullable<RegistrationForm['education']>, NonNullable<PersonFacts['education']>> = {
  primary: '初中及以下', junior: '初中及以下', senior: '高中/中专/技校', vocational: '高中/中专/技校', college: '大专', bachelor: '本科', master: '研究生',
};
/** 高校毕业生 (graduation-based policies) are graduates of 大专 or above, as in the registration classification. */
const HIGHER_EDUCATION = new Set(['college', 'bachelor', 'master']);
const INVOLUNTARY = new Set(['contract_expired', 'dismissed', 'employer_closed']);
const VOLUNTARY_OR_NO_JOB = new Set(['resigned', 'graduate', 'veteran']);

const dateOf = (d: Date | string | null | undefined): string | null => (d ? toChinaDateString(new Date(d)) : null);

/**
 * Maps a registration to the facts the policy rules read (see personFactsSchema).
 *
 * 困难类别 come from the person's **recognised** 就业困难人员 categories (`recognised`: those approved by
 * staff and still valid on `today`, rules/assistance.ts) — every one of them, 就业困难退役军人 included —
 * never from the hardships self-declared on the form. Two follow from the record itself: 4050 from the
 * birth date of the checked ID document, 长期失业 from twelve months out of work while registered.
 */
export function registrationFacts(reg: RegistrationForFacts, today: Date, recognised: readonly string[] = []): PersonFacts {
  const f = reg.form;
  const facts: PersonFacts = {};
  const registered = reg.status === 'approved';

  let age: number | null = null;
  if (f.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(f.birthDate)) {
    age = ageOn(f.birthDate, today);
    if (age >= 14 && age <= 100) facts.age = age;
    else age = null;
  }
  if (f.sex) facts.sex = f.sex === 'male' ? '男' : '女';
  if (f.education) facts.education = EDUCATION[f.education];
  if (typeof f.graduationYear === 'number' && f.education && HIGHER_EDUCATION.has(f.education) && f.graduationYear >= 1960 && f.graduationYear <= 2100) {
    facts.graduationYear = f.graduationYear;
  }

  facts.registeredUnemployed = registered;
  if (f.unemploymentReason && INVOLUNTARY.has(f.unemploymentReason)) facts.leftJobInvoluntarily = true;
  else if (f.unemploymentReason && VOLUNTARY_OR_NO_JOB.has(f.unemploymentReason)) facts.leftJobInvoluntarily = false;

  // Months out of work count from the end of the last job (or, without one, the registration), as the
  // registration's own classification does; they only mean something while the person is registered.
  let months: number | null = null;
  if (registered) {
    const since = f.lastJobEndDate ?? dateOf(reg.submittedAt) ?? dateOf(reg.approvedAt);
    if (since) {
      months = Math.min(600, Math.max(0, monthsBetween(since, today)));
      facts.unemployedMonths = months;
    }
  }

  const difficulty = new Set<Difficulty>();
  for (const d of recognisedDifficulties(recognised)) {
    if (!(d === '长期失业' && !registered)) difficulty.add(d);
  }
  if (age !== null && ((f.sex === 'female' && age >= 40) || (f.sex === 'male' && age >= 50))) difficulty.add('4050');
  if (months !== null && months >= 12) difficulty.add('长期失业');
  facts.difficulty = [...difficulty];

  // Service needs the person asked for say what they want; leaving them out says nothing (unknown).
  const needs = new Set(f.serviceNeeds ?? []);
  if (needs.has('startup')) facts.startingBusiness = true;
  if (needs.has('skills_training')) facts.wantsTraining = true;
  return facts;
}
