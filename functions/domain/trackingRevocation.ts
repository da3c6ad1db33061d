/**
 * Revoking a case's tracking links: when a complainant says their link was
 * forwarded or leaked, staff revoke every token issued for the case and issue
 * none. The digests are dropped, so every old link answers "not found" like an
 * unknown case. The next email that carries a link gives the complainant a new one.
 */
import type { Actor } from './auditTrail';
import { type CaseMutation, type ComplaintCase, planMutation } from './complaintCase';

export const TRACKING_LINKS_REVOKED = 'case.tracking-links-revoked';

/** The mutation that revokes every tracking link of the case, or undefined if it has none left. */
export function planTrackingRevocation(current: ComplaintCase, context: { now: string; requestId: string; actor: Actor }): CaseMutation | undefined {
  if (current.trackingTokenHashes.length === 0) return undefined;
  return planMutation(current, { trackingTokenHashes: [] }, { ...context, action: TRACKING_LINKS_REVOKED });
}
