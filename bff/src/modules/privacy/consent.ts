import { badRequest } from '../../http/errors';

/** A consent as recorded on the record that holds the sensitive data. */
export interface RecordedConsent { version: string; at: Date }

/**
 * The separate consent at a point of collection (个人信息保护法 第二十九条), for the consents of
 * shared/src/data/privacy.ts other than the registration's: `given` is the version the person agreed
 * to with this request, `recorded` the consent already on the record. Returns the consent to store:
 * the new one when given, else the recorded one. Refuses (400 SENSITIVE_CONSENT_REQUIRED, naming the
 * fields) when `carried` sensitive fields come without a consent to the current version.
 */
export function separateConsent(
  consent: { version: string; title: string },
  given: string | undefined,
  recorded: RecordedConsent | null | undefined,
  carried: { field: string; message: string }[],
  now: Date,
): RecordedConsent | null {
  if (given !== undefined && given !== consent.version) {
    throw badRequest(`“${consent.title}”的说明已更新，请重新阅读后同意`, [{ field: 'sensitiveConsentVersion', message: '同意书版本已更新' }], 'SENSITIVE_CONSENT_OUTDATED');
  }
  if (given) return { version: given, at: now };
  if (recorded && recorded.version === consent.version) return recorded;
  if (carried.length) throw badRequest(carried[0]!.message, carried, 'SENSITIVE_CONSENT_REQUIRED');
  return recorded ?? null;
}
