import { describe, expect, it } from 'vitest';
import { attachTarget, cleanSubject, handledKey, mailDeskDecisionSchema, maskAddress, noticeAllowed, sealMailDeskEntry, verifyMailDesk, type MailDeskDraft, type MailDeskEntry } from '../../../../functions/domain/inboundMail/mailDesk';
import { GENESIS_HASH } from '../../../../functions/domain/auditTrail';

const draft = (messageId: string, action: MailDeskDraft['action']): MailDeskDraft => ({
  at: '2026-12-07T10:00:00.000Z',
  actor: { type: 'staff', id: 'cslead.est01', role: 'cs-lead' },
  action,
  requestId: 'r1',
  desk: 'EST01',
  messageId,
  before: { objectKey: `set-aside/file-dangerous/${messageId}`, reason: 'file-dangerous' },
  after: { objectKey: `handled/refused/${messageId}`, notice: false },
});

describe('the mail desk', () => {
  it('masks the sender, keeping the first letter and the domain', () => {
    expect(maskAddress('chan.tai.man@example.net')).toBe('c***@example.net');
    expect(maskAddress(undefined)).toBe('');
    expect(maskAddress('@odd')).toBe('***');
  });

  it('never answers forged, infected, flooding or sender-less mail', () => {
    for (const reason of ['sender-not-authenticated', 'virus', 'rate-limited', 'no-sender'] as const) expect(noticeAllowed(reason, true)).toBe(false);
    expect(noticeAllowed('unknown-address', true)).toBe(true);
    expect(noticeAllowed('file-dangerous', false)).toBe(false);
  });

  it('shows subjects without control or direction-override characters', () => {
    expect(cleanSubject('Bill\u202E gnp.exe\u0007 ')).toBe('Bill  gnp.exe');
    expect(cleanSubject('x'.repeat(300))).toHaveLength(200);
  });

  it('files handled messages under their case, or with the refused', () => {
    expect(handledKey('m1', { kind: 'complaint', caseId: 'C1' })).toBe('handled/complaint/C1/m1');
    expect(handledKey('m1', { kind: 'reply', caseId: 'C1' })).toBe('handled/reply/C1/m1');
    expect(handledKey('m1', { kind: 'refused' })).toBe('handled/refused/m1');
  });

  it('chains its ledger, and a changed entry breaks the chain where it was changed', () => {
    const first = sealMailDeskEntry(draft('m1', 'inbound-mail.set-aside'), { seq: 0, hash: GENESIS_HASH });
    const second = sealMailDeskEntry(draft('m1', 'inbound-mail.refused'), first);
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(verifyMailDesk([first, second])).toBeUndefined();
    const tampered: MailDeskEntry = { ...second, after: { ...second.after, notice: true } };
    expect(verifyMailDesk([first, tampered])).toEqual({ seq: 2, problem: 'hash-mismatch' });
  });

  it('accepts the three decisions and names the field at fault otherwise', () => {
    expect(mailDeskDecisionSchema.safeParse({ action: 'file' }).success).toBe(true);
    expect(mailDeskDecisionSchema.safeParse({ action: 'attach', caseId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }).success).toBe(true);
    expect(mailDeskDecisionSchema.safeParse({ action: 'attach', caseId: 'nope' }).success).toBe(false);
    expect(mailDeskDecisionSchema.safeParse({ action: 'refuse' }).success).toBe(false);
    expect(mailDeskDecisionSchema.safeParse({ action: 'refuse', notify: false, extra: 1 }).success).toBe(false);
  });

  it('names the case to add a message to by its reference as typed, or its id, exactly one of them', () => {
    expect(mailDeskDecisionSchema.safeParse({ action: 'attach', reference: ' est01-2026-000123 ' }).success).toBe(true);
    expect(mailDeskDecisionSchema.safeParse({ action: 'attach', reference: 'EST01-26-1' }).success).toBe(false);
    expect(attachTarget({ reference: ' est01-2026-000123 ' })).toEqual({ reference: 'EST01-2026-000123' });
    expect(attachTarget({ caseId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).toEqual({ caseId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' });
    expect(attachTarget({})).toEqual({ problem: { reference: expect.any(String) } });
    expect(attachTarget({ reference: 'EST01-2026-000123', caseId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).toEqual({ problem: { reference: expect.any(String) } });
  });
});
