/** Email content cannot carry markup or headers supplied by a complainant. */
import { describe, expect, it } from 'vitest';
import { acknowledgementEmail } from '../../../functions/domain/notifications/acknowledgementEmail';
import { escapeHtml, safeSubject } from '../../../functions/domain/notifications/emailMessage';

describe('escapeHtml', () => {
  it('escapes every character that can open markup or leave an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('safeSubject', () => {
  it.each([
    ['CRLF', 'Reference EST01\r\nBcc: everyone@example.net'],
    ['LF', 'Reference EST01\nBcc: everyone@example.net'],
    ['CR', 'Reference EST01\rBcc: everyone@example.net'],
    ['NEL', 'Reference EST01\u0085Bcc: everyone@example.net'],
    ['a line separator', 'Reference EST01\u2028Bcc: everyone@example.net'],
    ['a paragraph separator', 'Reference EST01\u2029Bcc: everyone@example.net'],
    ['NUL', 'Reference EST01\u0000Bcc: everyone@example.net'],
  ])('makes a subject with %s one line', (_label, subject) => {
    const safe = safeSubject(subject);
    expect(safe).toBe('Reference EST01 Bcc: everyone@example.net');
  });

  it('keeps at most 200 characters without splitting an emoji', () => {
    expect(Array.from(safeSubject('😀'.repeat(300)))).toHaveLength(200);
    expect(safeSubject('😀'.repeat(300))).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('the acknowledgement', () => {
  it("escapes the complainant's name and the estate name in HTML and keeps the subject one line", () => {
    const email = acknowledgementEmail({
      language: 'en',
      complainantName: '<script>alert(1)</script> "Chan" & Co',
      reference: 'EST01-2026-000001',
      estateName: '<b>Harbour</b>',
      receivedAt: '2026-03-02T02:00:00.000Z',
      responseDueBy: '2026-03-09T15:59:59.999Z',
      timeZone: 'Asia/Hong_Kong',
      trackingUrl: 'https://complaints.example.com/track/01ARZ3NDEKTSV4RRFFQ69G5FAV?token=abc"><script>',
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>Harbour');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Chan&quot; &amp; Co');
    expect(email.html).toContain('href="https://complaints.example.com/track/01ARZ3NDEKTSV4RRFFQ69G5FAV?token=abc&quot;&gt;&lt;script&gt;"');
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});
