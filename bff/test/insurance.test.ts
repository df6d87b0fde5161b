import { SAMPLE_POLICIES, SENSITIVE_CONSENT } from '@doorstep/shared';
import { must, nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { idNumber } from './support/ids';

/** 失业保险金申领 over HTTP: refusal by condition, approval, the monthly ledger (staff and CSV), stop. */

// 2026-03-10 09:00 in China (a Tuesday).
const T0 = Date.parse('2026-03-10T09:00:00+08:00');
let clock = T0;
let t: TestApp;
let ipSeq = 0;
let seq = 200;
const login = async (role: 'worker' | 'staff' | 'city' = 'worker', center = '道里区公共就业服务中心') => {
  const phone = nextPhone();
  if (role !== 'worker') await t.services.auth.upsertStaff(phone, `经办${phone.slice(-4)}`, role === 'city' ? null : center, role === 'city' ? 'city' : 'center');
  return (await smsLogin(t, phone, `10.8.${Math.floor(ipSeq / 200)}.${ipSeq++ % 200}`)).accessToken;
};
let staff: string;
let otherStaff: string;
let city: string;

const form = (id: string, over: Record<string, unknown> = {}) => ({
  realName: '王淑芬', idType: 'resident_id', idNumber: id, retirementCategory: 'female_worker', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 2 号',
  hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某纺织厂', lastJobEndDate: '2026-02-28', education: 'senior',
  skills: ['缝纫'], certificates: [], desiredOccupations: ['缝纫工'], desiredDistricts: ['230102'], expectedMonthlyPay: 3500,
  workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: true, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false, ...over,
});
/** A worker with a registration in 道里区, submitted, and approved unless told otherwise. */
async function registered(over: Record<string, unknown> = {}, approve = true) {
  const token = await login();
  seq += 2;
  const id = idNumber('230102', '1982-07-19', String(seq).padStart(3, '0'));
  await must(t.request('PUT', '/api/registration/draft', { token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(id, over) } }));
  const regId = (await must(t.request('POST', '/api/registration/submit', { token, body: { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `ins-reg-${seq}` } }))).registration.id as string;
  if (approve) await must(t.request('POST', `/api/staff/registrations/${regId}/decision`, { token: staff, body: { decision: 'approve' } }));
  return { token, regId, id };
}
const claimBody = (over: Record<string, unknown> = {}) => ({
  history: [{ employer: '哈尔滨某纺织厂', from: '2020-01', to: '2026-02', monthsPaid: 72 }],
  materials: ['id_card', 'separation_proof', 'bank_card'], bankName: '中国工商银行哈尔滨道里支行', bankAccount: '6222 0212 3456 7890 123',
  commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `claim-${Math.random().toString(36).slice(2, 12)}`, ...over,
});
const file = (token: string, over: Record<string, unknown> = {}) => t.request('POST', '/api/insurance/claim', { token, body: claimBody(over) });

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => clock } });
  staff = await login('staff');
  otherStaff = await login('staff', '南岗区公共就业服务中心');
  city = await login('city');
});
afterAll(() => t.close());
beforeEach(() => { clock = T0; });

describe('filing: refusals name the failing condition', () => {
  it('refuses a person who resigned of their own will, naming 非因本人意愿中断就业', async () => {
    const w = await registered({ unemploymentReason: 'resigned' });
    const r = await file(w.token);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('NOT_ELIGIBLE');
    expect(r.body.error.message).toContain('非因本人意愿中断就业');
    expect(r.body.error.details.map((d: { field: string }) => d.field)).toEqual(['involuntary']);
    // Resigning because the employer did not pay wages is not by their own will: accepted with its proof.
    const missingProof = await file(w.token, { employerFault: 'unpaid_wages' });
    expect(missingProof.status).toBe(400);
    expect(missingProof.body.error.message).toContain('单位过错的证明');
    const ok = await file(w.token, { employerFault: 'unpaid_wages', materials: ['id_card', 'separation_proof', 'bank_card', 'employer_fault_proof'] });
    expect(ok.status).toBe(200);
  });

  it('refuses 11 months of contributions, naming the one-year condition; exactly 12 months pass', async () => {
    const w = await registered();
    const r = await file(w.token, { history: [{ employer: '某厂', from: '2025-03', to: '2026-02', monthsPaid: 11 }] });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('失业前用人单位和本人已缴纳失业保险费满一年');
    expect(r.body.error.message).toContain('11 个月');
    const ok = await file(w.token, { history: [{ employer: '某厂', from: '2025-03', to: '2026-02', monthsPaid: 12 }] });
    expect(ok.status).toBe(200);
    expect(ok.body.claim).toMatchObject({ status: 'submitted', insuredMonths: 12, baseMonths: 12, monthsApproved: 0 });
  });

  it('refuses a worker without a registration, and checks each history period by field', async () => {
    const token = await login();
    const none = await file(token);
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('已经进行失业登记');
    const w = await registered();
    const bad = await file(w.token, { history: [{ employer: '某厂', from: '2020-01', to: '2020-12', monthsPaid: 13 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'history.0.monthsPaid' });
    const account = await file(w.token, { bankAccount: '12ab' });
    expect(account.status).toBe(400);
    expect(account.body.error.message).toContain('银行账号');
  });

  it('may be filed with a registration still in review; approval waits for the registration', async () => {
    const w = await registered({}, false);
    const filed = await must(file(w.token));
    expect(filed.claim.toVerify.map((x: { condition: string }) => x.condition)).toEqual(['registered']);
    const early = await t.request('POST', `/api/staff/insurance-claims/${filed.claim.id}/decision`, { token: staff, body: { decision: 'approve' } });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toContain('已经进行失业登记');
    await must(t.request('POST', `/api/staff/registrations/${w.regId}/decision`, { token: staff, body: { decision: 'approve' } }));
    const approved = await must(t.request('POST', `/api/staff/insurance-claims/${filed.claim.id}/decision`, { token: staff, body: { decision: 'approve' } }));
    expect(approved.claim.status).toBe('approved');
  });
});

describe('approval, ledger and stop', () => {
  it('approves 18 months at the city standard, pays two months by CSV, re-imports without change, never pays a month twice, stops from the next month', async () => {
    const w = await registered();
    const filed = await must(file(w.token));
    const claimId = filed.claim.id as string;
    expect(filed.claim.bankAccountMasked).toBe('****0123');
    expect(JSON.stringify(filed)).not.toContain('6222021234567890123');
    const stored = await t.services.insurance.Claim.findById(claimId).lean();
    expect(stored!.bankAccountEnc).not.toContain('6222');
    expect(stored!.commitment.version).toBe('2026-01');

    // Staff of another center cannot see it; staff of its center see the full account (audited).
    expect((await t.request('GET', `/api/staff/insurance-claims/${claimId}`, { token: otherStaff })).status).toBe(404);
    const queue = await must(t.request('GET', '/api/staff/insurance-claims', { token: staff }));
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(claimId);
    const detail = await must(t.request('GET', `/api/staff/insurance-claims/${claimId}`, { token: staff }));
    expect(detail.identity.bankAccount).toBe('6222021234567890123');
    expect(detail.approvalCheck.eligible).toBe(true);

    const approved = await must(t.request('POST', `/api/staff/insurance-claims/${claimId}/decision`, { token: staff, body: { decision: 'approve' } }));
    expect(approved.claim).toMatchObject({ status: 'approved', monthsApproved: 18, monthlyAmount: 1674, startMonth: '2026-03', nextPayment: { month: '2026-03', amount: 1674 } });
    const notes = await must(t.request('GET', '/api/notifications', { token: w.token }));
    expect(notes.items.map((n: { kind: string }) => n.kind)).toContain('insurance.approved');

    // Two months later the payment system's file arrives.
    clock = Date.parse('2026-05-12T10:00:00+08:00');
    const csv = `身份证号,月份,金额,流水号\n${w.id},2026-03,1674.00,PAY202603001\n${w.id},2026-04,1674,PAY202604001\n`;
    const first = await must(t.request('POST', '/api/staff/insurance-payments/import', { token: staff, body: { csv } }));
    expect(first).toEqual({ rows: 2, created: 2, unchanged: 0, errors: [] });
    const audits = await t.services.audit.Audit.countDocuments({ action: 'insurance.import' });
    const again = await must(t.request('POST', '/api/staff/insurance-payments/import', { token: staff, body: { csv } }));
    expect(again).toEqual({ rows: 2, created: 0, unchanged: 2, errors: [] });
    expect(await t.services.insurance.Payment.countDocuments({ claimId })).toBe(2);
    expect(await t.services.audit.Audit.countDocuments({ action: 'insurance.import' })).toBe(audits);

    const mine = await must(t.request('GET', '/api/insurance/claim', { token: w.token }));
    expect(mine.claim).toMatchObject({ monthsApproved: 18, monthsPaid: 2, monthsRemaining: 16, nextPayment: { month: '2026-05', amount: 1674 } });

    // A month is never paid twice: not by staff with another 流水号, not by another file row.
    const twice = await t.request('POST', `/api/staff/insurance-claims/${claimId}/payments`, { token: staff, body: { month: '2026-03', serialNo: 'PAY-OTHER-1' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('同一个月不能重复发放');
    const bad = await must(t.request('POST', '/api/staff/insurance-payments/import', {
      token: staff,
      body: { csv: `身份证号,月份,金额,流水号\n${w.id},2026-03,1674,PAY-OTHER-2\n${w.id.slice(0, 17)}0,2026-05,1674,PAY202605009\n${w.id},2026-13,1674,PAY202613001\n${w.id},2026-06,1674,PAY202606001\n${w.id},2026-05,1800,PAY202605002\n${idNumber('230102', '1970-01-01', '999')},2026-05,1674,PAY202605003\n${w.id},2026-05` },
    }));
    expect(bad.created).toBe(0);
    expect(bad.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(bad.errors[0].message).toContain('同一个月不能重复发放');
    expect(bad.errors[1].message).toContain('身份证号');
    expect(bad.errors[2].message).toContain('月份');
    expect(bad.errors[3].message).toContain('还没到');
    expect(bad.errors[4].message).toContain('与核定的每月 1674 元不符');
    expect(bad.errors[5].message).toContain('没有该人员');
    expect(bad.errors[6].message).toContain('应有 4 列');
    // Staff of another center cannot pay it through a file either.
    const foreign = await must(t.request('POST', '/api/staff/insurance-payments/import', { token: otherStaff, body: { csv: `身份证号,月份,金额,流水号\n${w.id},2026-05,1674,PAY202605004\n` } }));
    expect(foreign.errors[0].message).toContain('没有该人员');
    const header = await t.request('POST', '/api/staff/insurance-payments/import', { token: staff, body: { csv: '证件,月\n' } });
    expect(header.status).toBe(400);
    expect(header.body.error.message).toContain('表头');

    // Staff record May by hand; a repeated tap changes nothing.
    const may = await must(t.request('POST', `/api/staff/insurance-claims/${claimId}/payments`, { token: staff, body: { month: '2026-05' } }));
    expect(may.created).toBe(true);
    const mayAgain = await must(t.request('POST', `/api/staff/insurance-claims/${claimId}/payments`, { token: staff, body: { month: '2026-05' } }));
    expect(mayAgain.created).toBe(false);

    // Re-employed on 2026-05-08: payments stop from June.
    const stopped = await must(t.request('POST', `/api/staff/insurance-claims/${claimId}/stop`, { token: staff, body: { reason: 'reemployed', eventDate: '2026-05-08', note: '在某超市就业' } }));
    expect(stopped.claim).toMatchObject({ status: 'stopped', monthsPaid: 3, monthsRemaining: 0, nextPayment: null, stop: { reason: 'reemployed', reasonLabel: '重新就业', fromMonth: '2026-06' } });
    clock = Date.parse('2026-07-10T10:00:00+08:00');
    const june = await t.request('POST', `/api/staff/insurance-claims/${claimId}/payments`, { token: staff, body: { month: '2026-06' } });
    expect(june.status).toBe(400);
    expect(june.body.error.message).toContain('已从 2026-06 起停发');
    const juneCsv = await must(t.request('POST', '/api/staff/insurance-payments/import', { token: staff, body: { csv: `身份证号,月份,金额,流水号\n${w.id},2026-06,1674,PAY202606002\n` } }));
    expect(juneCsv.errors[0].message).toContain('停发');
    expect(await t.services.insurance.Payment.countDocuments({ claimId })).toBe(3);

    // The worker sees why.
    const seen = await must(t.request('GET', '/api/insurance/claim', { token: w.token }));
    expect(seen.claim.stop).toMatchObject({ reasonLabel: '重新就业', fromMonth: '2026-06', note: '在某超市就业' });
    const n = await must(t.request('GET', '/api/notifications', { token: w.token }));
    expect(n.items.find((x: { kind: string }) => x.kind === 'insurance.stopped').body).toContain('从 2026-06 起停发');

    // The ledger export: masked identifiers, audited.
    const exp = await must(t.request('GET', '/api/staff/insurance-payments/export?month=2026-04', { token: staff }));
    expect(exp.rows).toBe(1);
    expect(exp.csv).toContain('PAY202604001');
    expect(exp.csv).not.toContain(w.id);
    expect(exp.csv).toContain(`${w.id.slice(0, 4)}**********${w.id.slice(-4)}`);
  });

  it('a registration that ends with a job stops the claim from the next month', async () => {
    const w = await registered();
    const { claim } = await must(file(w.token));
    await must(t.request('POST', `/api/staff/insurance-claims/${claim.id}/decision`, { token: staff, body: { decision: 'approve' } }));
    clock = Date.parse('2026-04-15T10:00:00+08:00');
    await must(t.request('POST', '/api/registration/exit', { token: w.token, body: { reason: 'employed', employer: '某物流公司', employedOn: '2026-04-13' } }));
    const mine = await must(t.request('GET', '/api/insurance/claim', { token: w.token }));
    expect(mine.claim).toMatchObject({ status: 'stopped', stop: { reason: 'reemployed', fromMonth: '2026-05' } });
  });

  it('rejects with a reason the worker reads', async () => {
    const w = await registered();
    const { claim } = await must(file(w.token));
    const noReason = await t.request('POST', `/api/staff/insurance-claims/${claim.id}/decision`, { token: staff, body: { decision: 'reject' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('原因');
    const r = await must(t.request('POST', `/api/staff/insurance-claims/${claim.id}/decision`, { token: staff, body: { decision: 'reject', reason: '参保记录与社保系统不符' } }));
    expect(r.claim).toMatchObject({ status: 'rejected', decisionReason: '参保记录与社保系统不符' });
    const again = await t.request('POST', `/api/staff/insurance-claims/${claim.id}/decision`, { token: staff, body: { decision: 'approve' } });
    expect(again.status).toBe(409);
  });
});

describe('the standard is a city setting', () => {
  it('only the city administrator changes it, audited; new approvals use it, never below 低保', async () => {
    const body = { minWageMonthly: 1000, sharePercent: 70, dibaoMonthly: 739 };
    expect((await t.request('PUT', '/api/staff/settings/insurance-standard', { token: staff, body })).status).toBe(403);
    const bad = await t.request('PUT', '/api/staff/settings/insurance-standard', { token: city, body: { ...body, sharePercent: 120 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('比例');
    const saved = await must(t.request('PUT', '/api/staff/settings/insurance-standard', { token: city, body }));
    expect(saved.insuranceStandard).toMatchObject({ ...body, monthlyAmount: 739 });
    expect(await t.services.audit.Audit.countDocuments({ action: 'settings.insurance_standard' })).toBe(1);
    await must(t.request('PUT', '/api/staff/settings/insurance-standard', { token: city, body }));
    expect(await t.services.audit.Audit.countDocuments({ action: 'settings.insurance_standard' })).toBe(1);
    const w = await registered();
    const { claim } = await must(file(w.token));
    const approved = await must(t.request('POST', `/api/staff/insurance-claims/${claim.id}/decision`, { token: staff, body: { decision: 'approve' } }));
    expect(approved.claim.monthlyAmount).toBe(739);
    // The policy calculator's 失业保险金 estimate follows the live standard: 6 years → 18 months × 739.
    await t.services.policies.loadSamples(SAMPLE_POLICIES);
    const calc = async () => (await must(t.request('POST', '/api/policies/calculate', { body: { audience: 'individual', answers: { registeredUnemployed: true, leftJobInvoluntarily: true, insuredYears: 6 } } })))
      .eligible.find((m: { policy: { slug: string } }) => m.policy.slug === 'unemployment-benefit');
    expect((await calc()).amount).toBe(18 * 739);
    await must(t.request('PUT', '/api/staff/settings/insurance-standard', { token: city, body: { minWageMonthly: 1860, sharePercent: 90, dibaoMonthly: 739 } }));
    expect((await calc()).amount).toBe(18 * 1674);
  });
});
