/** Thrown when a write was based on a version of the case that is no longer current. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(readonly caseId: string, readonly expectedVersion: number) {
    super(`case ${caseId} is no longer at version ${expectedVersion}`);
  }
}

/** The workflow is no longer waiting with that token (it moved on, or another action got there first). */
export class WaitChangedError extends Error {
  override readonly name = 'WaitChangedError';
  constructor(readonly caseId: string) {
    super(`the workflow of case ${caseId} is no longer waiting for that decision`);
  }
}

/** The logical notification was queued before (by an earlier attempt of the step): it is not queued again. */
export class NotificationAlreadyClaimedError extends Error {
  override readonly name = 'NotificationAlreadyClaimedError';
  constructor(readonly caseId: string, readonly notificationKey: string) {
    super(`notification ${notificationKey} of case ${caseId} was already queued`);
  }
}
