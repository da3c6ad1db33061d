import { describe, expect, it } from 'vitest';
import { changedSince } from '../../../functions/domain/caseVersions';

const events = (...actions: string[]) => actions.map((action, i) => ({ seq: i + 1, action }));

describe('whether a case changed since the version a person saw', () => {
  const trail = events('complaint.received', 'complaint.acknowledged', 'email.sent:acknowledgement', 'email.sent:critical-alert-stage1', 'case.triaged', 'email.sent:routed');

  it('is unchanged at the same version', () => {
    expect(changedSince({ version: 6, eventSeq: 6 }, trail, 6)).toBe(false);
  });

  it('ignores emails that went out since', () => {
    expect(changedSince({ version: 4, eventSeq: 4 }, trail.slice(0, 4), 2)).toBe(false);
    expect(changedSince({ version: 6, eventSeq: 6 }, trail, 5)).toBe(false);
  });

  it('counts any other change since', () => {
    expect(changedSince({ version: 6, eventSeq: 6 }, trail, 4)).toBe(true);
    expect(changedSince({ version: 6, eventSeq: 6 }, trail, 1)).toBe(true);
  });

  it('treats a version from the future, a missing event, or versions out of step with events as changed', () => {
    expect(changedSince({ version: 6, eventSeq: 6 }, trail, 7)).toBe(true);
    expect(changedSince({ version: 6, eventSeq: 6 }, trail.filter((e) => e.seq !== 6), 5)).toBe(true);
    expect(changedSince({ version: 7, eventSeq: 6 }, trail, 5)).toBe(true);
  });
});
