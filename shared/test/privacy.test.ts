import type { ZodTypeAny } from 'zod';
import {
  availabilityBodySchema, eligibilityBodySchema, employerOnboardBodySchema, nearbyQuerySchema, NOT_PERSONAL_FIELDS, policyApplyBodySchema, postGigBodySchema,
  PRIVACY_ITEMS, PRIVACY_SCOPES, rateBodySchema, registrationFormSchema, reportBodySchema, SENSITIVE_CONSENT, SEPARATE_CONSENTS, settleBodySchema, smsLoginBodySchema,
  wechatLoginBodySchema, wechatPhoneBodySchema,
} from '../src';

/** The object keys of a schema, through .partial(), .strict(), .default() and superRefine wrappers. */
function keysOf(schema: ZodTypeAny): string[] {
  let s: any = schema;
  while (s && !s.shape) s = s._def?.schema ?? s._def?.innerType;
  if (!s?.shape) throw new Error('not an object schema');
  return Object.keys(s.shape);
}

/** Every request schema that collects information about a person, by the scope the privacy list uses. */
const COLLECTING: Record<string, ZodTypeAny> = {
  auth: smsLoginBodySchema,
  wechatLogin: wechatLoginBodySchema,
  wechatPhone: wechatPhoneBodySchema,
  eligibility: eligibilityBodySchema,
  registration: registrationFormSchema,
  employer: employerOnboardBodySchema,
  gig: postGigBodySchema,
  availability: availabilityBodySchema,
  nearby: nearbyQuerySchema,
  rating: rateBodySchema,
  report: reportBodySchema,
  policyApply: policyApplyBodySchema,
  settlement: settleBodySchema,
};

const covered = new Set(PRIVACY_ITEMS.flatMap((i) => i.fields));

describe('privacy list covers every collected field', () => {
  for (const [scope, schema] of Object.entries(COLLECTING)) {
    it(`${scope}: every field is listed with purpose and retention, or marked not personal`, () => {
      const missing = keysOf(schema).map((k) => `${scope}.${k}`).filter((f) => !covered.has(f) && !(f in NOT_PERSONAL_FIELDS));
      expect(missing).toEqual([]);
    });
  }

  it('names only fields that exist (no stale entries)', () => {
    const known = new Set(Object.entries(COLLECTING).flatMap(([scope, schema]) => keysOf(schema).map((k) => `${scope}.${k}`)));
    // 'application.gigId' is the path parameter of POST /api/gigs/:id/apply, not a body field.
    const stale = [...covered, ...Object.keys(NOT_PERSONAL_FIELDS)].filter((f) => !known.has(f) && f !== 'application.gigId');
    expect(stale).toEqual([]);
    for (const f of covered) expect(PRIVACY_SCOPES).toContain(f.split('.')[0]);
  });

  it('every item says what, where, why and how long', () => {
    for (const i of PRIVACY_ITEMS) {
      expect(i.label.length).toBeGreaterThan(1);
      expect(i.where.length).toBeGreaterThan(1);
      expect(i.purpose.length).toBeGreaterThan(5);
      expect(i.retention.length).toBeGreaterThan(3);
    }
    expect(new Set(PRIVACY_ITEMS.map((i) => i.key)).size).toBe(PRIVACY_ITEMS.length);
  });

  it('the items the brief names are all there', () => {
    const keys = PRIVACY_ITEMS.map((i) => i.key);
    for (const k of ['phone', 'openid', 'name', 'idNumber', 'hukou', 'education', 'disability', 'hardship', 'employmentHistory', 'jobWishes', 'homeLocation', 'locationFix', 'employer', 'employerContact', 'bankAccount', 'gigApplications', 'ratings', 'messages']) {
      expect(keys).toContain(k);
    }
  });

  it('the separate consent covers exactly the sensitive registration fields', () => {
    const sensitiveRegistrationFields = new Set(PRIVACY_ITEMS.filter((i) => i.sensitive).flatMap((i) => i.fields).filter((f) => f.startsWith('registration.')).map((f) => f.slice('registration.'.length)));
    // idType alone (which document) is not sensitive; the number is.
    sensitiveRegistrationFields.delete('idType');
    expect([...sensitiveRegistrationFields].sort()).toEqual([...SENSITIVE_CONSENT.fields].sort());
  });
});

describe('the other separate consents', () => {
  it('each sensitive point of collection takes the consent version with the request', () => {
    for (const scope of ['eligibility', 'policyApply', 'availability']) expect(keysOf(COLLECTING[scope]!)).toContain('sensitiveConsentVersion');
    for (const c of SEPARATE_CONSENTS) {
      expect(c.version).toMatch(/^\d{4}-\d{2}$/);
      expect(c.text.length).toBeGreaterThan(40);
      expect(c.checkbox).toContain('同意');
    }
  });

  it('no longer mentions the clipboard (CSV files are shared to a chat)', () => {
     
    const { renderPrivacyGuide } = require('../src') as typeof import('../src');
    expect(renderPrivacyGuide()).not.toMatch(/剪贴板|Clipboard/);
  });
});

describe('docs/privacy-guide.md', () => {
  it('is the current rendering of the privacy list', () => {
     
    const fs = require('node:fs') as typeof import('node:fs');
    const path = `${__dirname}/../../docs/privacy-guide.md`;
     
    const { renderPrivacyGuide } = require('../src') as typeof import('../src');
    if (process.env.UPDATE_PRIVACY_GUIDE) fs.writeFileSync(path, renderPrivacyGuide());
    expect(fs.readFileSync(path, 'utf8')).toBe(renderPrivacyGuide());
  });
});
