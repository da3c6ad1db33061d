import type { Action } from '../access/policy';
import type { StaffActionType } from './staffActions';

/** The permission each action needs (functions/domain/access/policy.ts). */
export const ACTION_PERMISSION: Record<StaffActionType, Action> = {
  triage: 'case.triage',
  'mark-invalid': 'case.markInvalid',
  assign: 'case.assign',
  note: 'case.note',
  'staff-statement': 'case.staffStatement',
  respond: 'case.respond',
  escalate: 'case.escalate',
  'extend-deadline': 'case.extendDeadline',
  'pause-clock': 'case.pauseClock',
  'resume-clock': 'case.pauseClock',
  'interim-response': 'case.interimResponse',
  reopen: 'case.reopen',
  'resume-workflow': 'case.reopen',
  'settle-emails': 'case.reopen',
};
