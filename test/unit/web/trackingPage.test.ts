/** The tracking page shell: escaping of what comes from the link, language, and the not-found answer. */
import { describe, expect, it } from 'vitest';
import { renderTrackingPage, trackingHref } from '../../../functions/web/trackingPage';

const CASE_ID = '01JQ3Z5R8W6Y2M4N7P9T1V3X5Z';

describe('the tracking page', () => {
  it('renders a shell that loads the case, in the chosen language, never indexed', () => {
    const page = renderTrackingPage({ language: 'zh-Hant', explicitLanguage: true, caseId: CASE_ID, token: 'tok-123', nonce: 'n' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="zh-Hant">');
    expect(page.body).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page.body).toContain('<dt>回覆期限</dt>');
    expect(page.body).toContain('<p id="loading" role="status">正在載入您的投訴…</p>');
    expect(page.body).toContain('<section id="not-found" aria-labelledby="not-found-title" hidden>');
    const data = JSON.parse(/<script type="application\/json" id="page-data" nonce="n">(.*?)<\/script>/.exec(page.body)![1]!);
    expect(data).toMatchObject({ caseId: CASE_ID, token: 'tok-123', language: 'zh-Hant', explicit: true, locale: 'zh-HK' });
  });

  it('keeps the private link in the language switcher', () => {
    const page = renderTrackingPage({ language: 'en', explicitLanguage: false, caseId: CASE_ID, token: 'a+b/c=', nonce: 'n' });
    expect(page.body).toContain(`<a href="/track/${CASE_ID}?token=a%2Bb%2Fc%3D&amp;lang=zh-Hans" lang="zh-Hans"`);
    expect(trackingHref(CASE_ID, 'a+b/c=')).toBe(`/track/${CASE_ID}?token=a%2Bb%2Fc%3D`);
  });

  it('escapes a hostile token everywhere it appears', () => {
    const token = '"><script>alert(1)</script>';
    const page = renderTrackingPage({ language: 'en', explicitLanguage: false, caseId: CASE_ID, token, nonce: 'n', pageModule: { script: '/assets/trackingPage-TEST.js', preload: [] } });
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('"><script');
    expect(page.body).toContain('token=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;lang=en"');
    expect(page.body).toContain('"token":"\\"\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"');
    // The data block and the bundled module: no script in a string any more.
    expect([...page.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script type="application/json" id="page-data" nonce="n">', '<script type="module" src="/assets/trackingPage-TEST.js" nonce="n">']);
  });

  it('answers a link without a token, or a malformed one, with a friendly 404 and no script', () => {
    for (const [caseId, token] of [[CASE_ID, undefined], ['<b>x</b>', 'tok'], [CASE_ID, 'x'.repeat(129)]] as const) {
      const page = renderTrackingPage({ language: 'en', explicitLanguage: false, caseId, token, nonce: 'n' });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('<section id="not-found" aria-labelledby="not-found-title">');
      expect(page.body).toContain('We could not find this complaint');
      expect(page.body).not.toContain('<script');
      expect(page.body).not.toContain('<b>x</b>');
    }
  });
});
