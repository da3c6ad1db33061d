import { describe, expect, it } from 'vitest';
import { classifyInbound, DEFAULT_INBOUND_LIMITS, estateOfAddress, type InboundContext, isAutoReply, isBounce, senderAuthentication } from '../../../../functions/domain/inboundMail/classifyInbound';
import type { InboundMessage } from '../../../../functions/domain/inboundMail/inboundMessage';
import { messageIdsOf } from '../../../../functions/domain/inboundMail/inboundMessage';
import { proposeLanguage } from '../../../../functions/domain/inboundMail/proposeLanguage';
import { caseOfReplyAddress, replyAddress } from '../../../../functions/domain/inboundMail/replyAddress';
import { trimQuotedHistory } from '../../../../functions/domain/inboundMail/trimQuotedHistory';

const KEY = 'k'.repeat(40);
const context: InboundContext = { mailDomain: 'complaints.group.example', ownAddresses: ['complaints@group.example', 'group.example'], replyAddressKey: KEY, trustedAuthServId: 'amazonses.com', limits: DEFAULT_INBOUND_LIMITS };

function message(overrides: Partial<InboundMessage> & { headerList?: Record<string, string> } = {}): InboundMessage {
  const { headerList, ...rest } = overrides;
  return {
    rawSize: 2000,
    messageId: 'abc@mail.example.net',
    from: { address: 'resident@example.net', name: 'Resident' },
    recipients: ['est01@complaints.group.example'],
    subject: 'The lift is broken',
    text: 'The lift in Block A has been broken for three days.',
    headers: Object.fromEntries(Object.entries(headerList ?? {}).map(([k, v]) => [k.toLowerCase(), [v]])),
    inReplyTo: [],
    references: [],
    contentType: 'text/plain; charset=utf-8',
    attachments: [],
    ...rest,
  };
}

describe('classifyInbound', () => {
  it('takes mail to an estate address as a complaint to that estate', () => {
    expect(classifyInbound(message(), context)).toEqual({ kind: 'complaint', estateId: 'EST01' });
    expect(estateOfAddress('SZ01@Complaints.Group.Example', context.mailDomain)).toBe('SZ01');
    expect(estateOfAddress('est01@other.example', context.mailDomain)).toBeUndefined();
    expect(estateOfAddress('postmaster@complaints.group.example', context.mailDomain)).toBeUndefined();
  });

  it('recognises auto-replies by RFC 3834 and vendor headers and by subject, but not Auto-Submitted: no', () => {
    expect(isAutoReply(message({ headerList: { 'Auto-Submitted': 'auto-replied' } }))).toBe(true);
    expect(isAutoReply(message({ headerList: { 'Auto-Submitted': 'no' } }))).toBe(false);
    expect(isAutoReply(message({ headerList: { 'X-Autoreply': 'yes' } }))).toBe(true);
    expect(isAutoReply(message({ headerList: { Precedence: 'bulk' } }))).toBe(true);
    expect(isAutoReply(message({ headerList: { 'List-Id': '<news.example.net>' } }))).toBe(true);
    expect(isAutoReply(message({ subject: 'Out of Office: back on Monday' }))).toBe(true);
    expect(isAutoReply(message({ subject: '自動回覆：休假中' }))).toBe(true);
    // Outlook puts X-Auto-Response-Suppress on ordinary mail: alone it says nothing.
    expect(isAutoReply(message({ headerList: { 'X-Auto-Response-Suppress': 'All' } }))).toBe(false);
    expect(classifyInbound(message({ headerList: { 'Auto-Submitted': 'auto-generated' } }), context)).toEqual({ kind: 'ignore', reason: 'auto-reply' });
  });

  it('recognises bounces: DSN reports, the null return path, mailer-daemon failures', () => {
    expect(isBounce(message({ contentType: 'multipart/report; report-type=delivery-status; boundary="x"' }))).toBe(true);
    expect(isBounce(message({ headerList: { 'Return-Path': '<>' } }))).toBe(true);
    expect(isBounce(message({ from: { address: 'MAILER-DAEMON@mx.example.net', name: '' }, subject: 'Undelivered Mail Returned to Sender' }))).toBe(true);
    expect(isBounce(message({ contentType: 'multipart/report; report-type=disposition-notification' }))).toBe(false);
  });

  it('treats our own mail coming back, or mail from our own domains, as a loop', () => {
    expect(classifyInbound(message({ headerList: { 'X-Complaint-Platform': 'outbound' } }), context)).toEqual({ kind: 'ignore', reason: 'loop' });
    expect(classifyInbound(message({ from: { address: 'someone@group.example', name: '' } }), context)).toEqual({ kind: 'ignore', reason: 'loop' });
    expect(classifyInbound(message({ from: { address: 'est02@complaints.group.example', name: '' } }), context)).toEqual({ kind: 'ignore', reason: 'loop' });
  });

  it('refuses forged senders by the trusted receiver verdict only, never answering them', () => {
    const failed = 'amazonses.com; spf=fail smtp.mailfrom=example.net; dkim=none; dmarc=fail header.from=example.net';
    expect(senderAuthentication(message({ headerList: { 'Authentication-Results': failed } }), 'amazonses.com')).toBe('fail');
    expect(senderAuthentication(message({ headerList: { 'Authentication-Results': 'mx.attacker.example; dmarc=fail' } }), 'amazonses.com')).toBe('unknown');
    expect(senderAuthentication(message({ headerList: { 'Authentication-Results': 'amazonses.com; spf=softfail; dkim=pass' } }), 'amazonses.com')).toBe('pass');
    expect(classifyInbound(message({ headerList: { 'Authentication-Results': failed } }), context)).toEqual({ kind: 'refuse', reason: 'sender-not-authenticated', notifySender: false });
    expect(classifyInbound(message({ receipt: { authentication: 'fail', virus: false } }), context)).toMatchObject({ reason: 'sender-not-authenticated' });
    expect(classifyInbound(message({ receipt: { authentication: 'pass', virus: true } }), context)).toEqual({ kind: 'refuse', reason: 'virus', notifySender: false });
  });

  it('refuses an oversized message (with a notice) and one without a usable sender (without)', () => {
    expect(classifyInbound(message({ rawSize: DEFAULT_INBOUND_LIMITS.maxMessageBytes + 1 }), context)).toEqual({ kind: 'refuse', reason: 'too-large', notifySender: true });
    const { from: _from, ...noSender } = message();
    expect(classifyInbound(noSender, context)).toEqual({ kind: 'refuse', reason: 'no-sender', notifySender: false });
  });

  it('matches replies by reply address first, then by the ids they answer', () => {
    const caseId = '01JABCDEFGHJKMNPQRSTVWXYZ0';
    const address = replyAddress(caseId, context.mailDomain, KEY);
    expect(classifyInbound(message({ recipients: [address] }), context)).toEqual({ kind: 'reply', caseId, via: 'reply-address' });
    expect(classifyInbound(message({ inReplyTo: ['ses-1@email.amazonses.com'] }), context)).toEqual({ kind: 'reply-or-complaint', estateId: 'EST01', messageIds: ['ses-1@email.amazonses.com'] });
    // An unknown estate name is found unknown by intake (it reads the estates); another domain is refused here.
    expect(classifyInbound(message({ recipients: ['est99@complaints.group.example'] }), context)).toEqual({ kind: 'complaint', estateId: 'EST99' });
    expect(classifyInbound(message({ recipients: ['est01@elsewhere.example'] }), context)).toEqual({ kind: 'refuse', reason: 'unknown-address', notifySender: true });
  });
});

describe('replyAddress', () => {
  it('round-trips, case-insensitively, and refuses another key, a changed MAC, another domain or another case', () => {
    const caseId = '01JABCDEFGHJKMNPQRSTVWXYZ0';
    const address = replyAddress(caseId, 'complaints.group.example', KEY);
    expect(address).toMatch(/^case\+01jabcdefghjkmnpqrstvwxyz0\.[0-9a-z]{16}@complaints\.group\.example$/);
    expect(caseOfReplyAddress(address.toUpperCase(), 'complaints.group.example', KEY)).toBe(caseId);
    expect(caseOfReplyAddress(address, 'complaints.group.example', 'x'.repeat(40))).toBeUndefined();
    expect(caseOfReplyAddress(address.replace(/\.(.)/, (_m, c: string) => `.${c === 'a' ? 'b' : 'a'}`), 'complaints.group.example', KEY)).toBeUndefined();
    expect(caseOfReplyAddress(address, 'other.example', KEY)).toBeUndefined();
    expect(caseOfReplyAddress(address.replace('01jabcdefghjkmnpqrstvwxyz0', '01jabcdefghjkmnpqrstvwxyz1'), 'complaints.group.example', KEY)).toBeUndefined();
  });
});

describe('proposeLanguage', () => {
  it('tells Traditional from Simplified Chinese and both from English', () => {
    expect(proposeLanguage('A座電梯已經壞了三天，請盡快維修。')).toBe('zh-Hant');
    expect(proposeLanguage('A座电梯已经坏了三天，请尽快维修。')).toBe('zh-Hans');
    expect(proposeLanguage('The lift in Block A has been broken for three days.')).toBe('en');
    // A Chinese message with an English signature is still Chinese.
    expect(proposeLanguage('樓下垃圾三天沒有人清理。\n\nSent from my iPhone')).toBe('zh-Hant');
    expect(proposeLanguage('')).toBe('en');
  });
});

describe('trimQuotedHistory', () => {
  it('keeps the new text of replies from Outlook, Gmail and Chinese clients', () => {
    expect(trimQuotedHistory('Still broken.\r\n\r\n________________________________\r\nFrom: Complaints <c@x>\r\nSent: Monday\r\n\r\nold text')).toBe('Still broken.');
    expect(trimQuotedHistory('Still broken.\n\n-----Original Message-----\nFrom: x\nold')).toBe('Still broken.');
    expect(trimQuotedHistory('Still broken.\n\nOn Mon, 7 Dec 2026 at 10:00, Complaints <c@x> wrote:\n> old text\n> more')).toBe('Still broken.');
    expect(trimQuotedHistory('仍然未修好。\n\n發件人: Complaints\n發送時間: 2026年12月7日\n舊內容')).toBe('仍然未修好。');
    expect(trimQuotedHistory('> only a quote')).toBe('> only a quote');
  });
});

describe('messageIdsOf', () => {
  it('reads bracketed ids, and bare ones when there are no brackets', () => {
    expect(messageIdsOf('<a@x> <b@y>')).toEqual(['a@x', 'b@y']);
    expect(messageIdsOf('a@x')).toEqual(['a@x']);
    expect(messageIdsOf(undefined)).toEqual([]);
  });
});
