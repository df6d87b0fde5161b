import { detailsOf, fieldErrorsOf } from '../src/services/field-errors'

/** The one mapper from a 400's `details` to the form's field errors (gig, registration, policy and claim forms). */
describe('field errors', () => {
  const details = [
    { field: 'form.idNumber', message: '身份证号码校验位不正确' },
    { field: 'form.idNumber', message: '第二条不显示' },
    { field: 'periods.0.months', message: '月数应为 1–600' },
    { field: 'body', message: '请求格式不正确' },
    null, { field: 3, message: 'x' }, { field: 'a' },
  ]
  it('keeps only well-formed details', () => {
    expect(detailsOf(details)).toHaveLength(4);
    expect(detailsOf('oops')).toEqual([]);
  });
  it('maps each field path to a form key with the first message winning; null leaves a detail out', () => {
    expect(fieldErrorsOf(details, (f) => f.replace(/^form\./, '').split('.')[0]!)).toEqual({ idNumber: '身份证号码校验位不正确', periods: '月数应为 1–600', body: '请求格式不正确' });
    expect(fieldErrorsOf(details, (f) => (f.startsWith('periods') ? 'periods' : null))).toEqual({ periods: '月数应为 1–600' });
    expect(fieldErrorsOf(details, (f) => f)).toMatchObject({ 'periods.0.months': '月数应为 1–600', 'form.idNumber': '身份证号码校验位不正确' });
  });
});
