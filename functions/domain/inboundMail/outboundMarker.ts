/** Header the platform puts on every email it sends: our own mail coming back is a loop, never a complaint. */
export const OUTBOUND_MARKER_HEADER = 'X-Complaint-Platform';
export const OUTBOUND_MARKER_VALUE = 'outbound';

/**
 * The headers of every email the platform sends: RFC 3834 `Auto-Submitted: auto-generated` (other systems'
 * autoresponders must not answer it, and our own receiver ignores it: classifyInbound.ts) and our loop marker.
 */
export const OUTBOUND_HEADERS: readonly { name: string; value: string }[] = [
  { name: 'Auto-Submitted', value: 'auto-generated' },
  { name: OUTBOUND_MARKER_HEADER, value: OUTBOUND_MARKER_VALUE },
];
