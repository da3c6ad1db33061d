import { describe, expect, it } from 'vitest';
import { type AuditEvent, GENESIS_HASH, sealEvent, verifyCaseChain } from '../../../functions/domain/auditTrail';

const salt = 'a1b2c3';

function chainOf(length: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < length; i += 1) {
    const previous = events.at(-1);
    events.push(
      sealEvent(
        {
          at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
          actor: i === 0 ? { type: 'resident' } : { type: 'staff', id: `u${i}`, role: 'handler' },
          action: i === 0 ? 'complaint.received' : 'case.note',
          requestId: `req-${i}`,
          changes: [{ field: 'status', before: i, after: i + 1 }],
          personalData: { description: `text ${i}` },
        },
        { caseId: 'C1', estateId: 'EST01', previousSeq: previous?.seq ?? 0, previousHash: previous?.hash ?? GENESIS_HASH, personalDataSalt: salt },
      ),
    );
  }
  return events;
}

describe('audit trail hash chain', () => {
  it('verifies an untouched chain', () => {
    expect(verifyCaseChain(chainOf(5), salt)).toBeUndefined();
  });

  it('locates a changed field', () => {
    const events = chainOf(5);
    events[2]!.action = 'case.resolved';
    expect(verifyCaseChain(events, salt)).toEqual({ seq: 3, problem: 'hash-mismatch' });
  });

  it('locates a dropped event', () => {
    const events = chainOf(5);
    events.splice(1, 1);
    expect(verifyCaseChain(events, salt)).toEqual({ seq: 3, problem: 'out-of-order' });
  });

  it('locates two reordered events', () => {
    const events = chainOf(5);
    [events[1], events[2]] = [events[2]!, events[1]!];
    expect(verifyCaseChain(events, salt)).toEqual({ seq: 3, problem: 'out-of-order' });
  });

  it('locates an inserted event even when its sequence numbers are rewritten', () => {
    const events = chainOf(4);
    const forged = { ...events[1]!, action: 'case.forged' };
    const tampered = [events[0]!, forged, ...events.slice(1).map((e) => ({ ...e, seq: e.seq + 1 }))];
    expect(verifyCaseChain(tampered, salt)?.seq).toBe(2);
  });

  it('detects altered personal data, and still verifies once personal data is erased', () => {
    const events = chainOf(3);
    events[1]!.personalData = { description: 'rewritten' };
    expect(verifyCaseChain(events, salt)).toEqual({ seq: 2, problem: 'personal-data-altered' });
    for (const event of events) delete event.personalData;
    expect(verifyCaseChain(events, salt)).toBeUndefined();
  });
});
