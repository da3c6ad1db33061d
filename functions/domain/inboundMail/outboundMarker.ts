/** Header the platform puts on every email it sends: our own mail coming back is a loop, never a complaint. */
export const OUTBOUND_MARKER_HEADER = 'X-Complaint-Platform';
export const OUTBOUND_MARKER_VALUE = 'outbound';
