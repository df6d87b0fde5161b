/**
 * What the ratings module needs to know about a case, answered by the module that owns it
 * (`handledCaseOf(id)` on RegistrationService, InsuranceService, PolicyService, ServiceDesk): whose it
 * is, whether it has been handled, and the center it belongs to. null: no such case.
 */
export interface HandledCase {
  /** The account that owns the case (null: nobody yet, e.g. an unclaimed counter registration). */
  ownerId: string | null;
  /** True once staff handled it (decided, closed, attended). */
  handled: boolean;
  /** Why it cannot be rated yet (shown to the person) when not handled. */
  pendingReason: string | null;
  district: string | null;
  centerCode: string | null;
  /** A short line naming the case for staff (no personal data): 「职业指导 2026-12-03」. */
  title: string;
}
