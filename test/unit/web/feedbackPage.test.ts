import { readFileSync } from 'node:fs';
/**
 * The satisfaction confirmation page: opening a rating link records nothing,
 * pre-selects the clicked rating, escapes what comes from the link, runs only
 * under the response's CSP nonce with no inline handlers, and explains that a
 * low outcome rating reopens the complaint.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { feedbackHref, preselection, renderFeedbackPage } from '../../../functions/web/feedbackPage';
import { renderTrackingPage } from '../../../functions/web/trackingPage';

const touched = vi.hoisted(() => ({ count: 0 }));
// Any use of the case store would be a bug: a link alone must record (and read) nothing on the server.
vi.mock('../../../functions/platform/clients', () => ({
  getCaseStore: () => {
    touched.count += 1;
    throw new Error('the feedback page must not touch the case store');
  },
}));
// The built module's hashed name (the real build is exercised in webPages.test.ts).
vi.mock('../../../functions/web/assetManifest', () => ({ entryUrls: (entry: string) => ({ script: `/assets/${entry}-HASH.js`, preload: [] }) }));
const { handler } = await import('../../../functions/api/webPages');

const CASE_ID = '01JQ3Z5R8W6Y2M4N7P9T1V3X5Z';
/** The page with the bodies of its script elements removed (the JSON data block included). */
const withoutScripts = (body: string) => body.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
const render = (overrides: Partial<Parameters<typeof renderFeedbackPage>[0]> = {}) =>
  renderFeedbackPage({ language: 'en', explicitLanguage: false, caseId: CASE_ID, token: 'tok-123', aspect: 'outcome', rating: '4', nonce: 'n0nce', module: { script: '/assets/feedbackPage-ABC.js', preload: [] }, ...overrides });

const checkedIds = (body: string) => [...body.matchAll(/<input type="radio" id="([a-z]+-\d)"[^>]*\schecked/g)].map((m) => m[1]);

describe('the feedback page', () => {
  it('pre-selects the rating clicked in the email, and only that one', () => {
    expect(checkedIds(render().body)).toEqual(['outcome-4']);
    expect(checkedIds(render({ aspect: 'process', rating: '2' }).body)).toEqual(['process-2']);
  });

  it('pre-selects nothing for a link whose aspect or rating is not one we send', () => {
    for (const [aspect, rating] of [['outcome', '0'], ['outcome', '6'], ['outcome', '4.5'], ['speed', '3'], [undefined, '3'], ['outcome', undefined]] as const) {
      expect(checkedIds(render({ aspect, rating }).body)).toEqual([]);
    }
    expect(preselection('process', '5')).toEqual({ aspect: 'process', rating: 5 });
    expect(preselection('outcome', '05')).toBeUndefined();
  });

  it('offers both 1–5 scales, an optional comment, Confirm, and a separate stage-2 request with a confirm step', () => {
    const { body, statusCode } = render();
    expect(statusCode).toBe(200);
    for (const name of ['outcome', 'process']) {
      for (let n = 1; n <= 5; n += 1) expect(body).toContain(`<input type="radio" id="${name}-${n}" name="${name}" value="${n}"`);
    }
    expect(body).toContain('<label for="outcome-1">1 – Very dissatisfied</label>');
    expect(body).toContain('<label for="process-5">5 – Very satisfied</label>');
    expect(body).toContain('<textarea id="comment" name="comment" rows="4" maxlength="2000"');
    expect(body).toContain('<button type="submit" id="confirm">Confirm my answer</button>');
    expect(body).toContain('If you rate the outcome 1 or 2, we will reopen your complaint and a more senior colleague will review it.');
    expect(body).toContain('id="stage2-start" aria-controls="stage2-confirm" aria-expanded="false">Ask for a stage 2 review</button>');
    expect(body).toContain('<div id="stage2-confirm" role="group" aria-labelledby="stage2-question" hidden>');
    // The form only posts through the script: no action that a scanner could follow.
    expect(body).not.toMatch(/<form[^>]*\saction=/);
    expect(body).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('runs only under the nonce: one data block, one built module (no script in a string), no inline handlers, no style attributes, nothing external', () => {
    const { body } = render();
    const scripts = [...body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual(['<script type="application/json" id="page-data" nonce="n0nce">', '<script type="module" src="/assets/feedbackPage-ABC.js" nonce="n0nce">']);
    expect(body).toContain('<style nonce="n0nce">');
    // In the markup (script bodies aside): no event-handler or style attributes.
    const tags = [...withoutScripts(body).matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]);
    expect(tags.length).toBeGreaterThan(20);
    expect(tags.filter((tag) => /\son[a-z]+\s*=|\sstyle\s*=/i.test(tag))).toEqual([]);
    expect(body).not.toMatch(/javascript:/i);
    expect(body).not.toMatch(/(src|href)="(https?:)?\/\//i);
    const data = JSON.parse(/<script type="application\/json" id="page-data" nonce="n0nce">(.*?)<\/script>/.exec(body)![1]!);
    expect(data).toMatchObject({ caseId: CASE_ID, token: 'tok-123', language: 'en', explicit: false, reopensAtOrBelow: 2 });
  });

  it('escapes a hostile token and rating wherever they appear', () => {
    const token = '"><script>alert(1)</script>';
    const { body } = render({ token, rating: '"><img src=x onerror=alert(2)>', aspect: '<b>' });
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<b>');
    expect(body).toContain('"token":"\\"\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"');
    expect([...body.matchAll(/<script\b[^>]*>/g)]).toHaveLength(2);
  });

  it('speaks the chosen language and keeps the link (and the pre-selection) in the switcher', () => {
    const { body } = render({ language: 'zh-Hant', explicitLanguage: true, token: 'a+b/c=' });
    expect(body).toContain('<html lang="zh-Hant">');
    expect(body).toContain('一、您對投訴處理結果的滿意程度');
    expect(body).toContain('如您對處理結果評 1 分或 2 分');
    expect(body).toContain(`<a href="/feedback/${CASE_ID}?token=a%2Bb%2Fc%3D&amp;aspect=outcome&amp;rating=4&amp;lang=zh-Hans" lang="zh-Hans"`);
    expect(feedbackHref(CASE_ID, 't', { language: 'en' })).toBe(`/feedback/${CASE_ID}?token=t&lang=en`);
    expect(render({ language: 'zh-Hans' }).body).toContain('要求第二阶段复核');
  });

  it('answers a link without a token, or a malformed one, with a friendly 404 and no script', () => {
    for (const [caseId, token] of [[CASE_ID, undefined], ['<b>x</b>', 'tok'], [CASE_ID, 'x'.repeat(129)]] as const) {
      const page = render({ caseId, token });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('<section id="not-found" class="problem" tabindex="-1" aria-labelledby="not-found-title">');
      expect(page.body).not.toContain('<script');
      expect(page.body).not.toContain('<form');
      expect(page.body).not.toContain('<b>x</b>');
    }
  });
});

describe('GET /feedback/{id} through the web pages handler', () => {
  const event = (query: Record<string, string>, headers: Record<string, string> = {}) =>
    ({
      version: '2.0',
      routeKey: 'GET /feedback/{id}',
      rawPath: `/feedback/${CASE_ID}`,
      rawQueryString: new URLSearchParams(query).toString(),
      headers,
      queryStringParameters: query,
      pathParameters: { id: CASE_ID },
      requestContext: { requestId: 'req-1', routeKey: 'GET /feedback/{id}', http: { method: 'GET', path: `/feedback/${CASE_ID}` } },
      isBase64Encoded: false,
    }) as unknown as APIGatewayProxyEventV2;

  it('renders the confirmation page with the resident-page headers and records nothing', async () => {
    const result = await handler(event({ token: 'tok', aspect: 'outcome', rating: '5' }, { 'accept-language': 'zh-CN' }), { awsRequestId: 'r' } as Context);
    const headers = result.headers as Record<string, string>;
    expect(result.statusCode).toBe(200);
    expect(headers['content-language']).toBe('zh-Hans');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cache-control']).toBe('no-store');
    const nonce = /script-src 'nonce-([^']+)' 'strict-dynamic'/.exec(headers['content-security-policy']!)![1]!;
    expect(result.body).toContain(`<script type="module" src="/assets/feedbackPage-HASH.js" nonce="${nonce}">`);
    expect(checkedIds(result.body!)).toEqual(['outcome-5']);
    expect(touched.count).toBe(0);
  });
});

describe('the tracking page link to the feedback page', () => {
  it('is there, hidden until the case view says the complaint was responded to', () => {
    const { body } = renderTrackingPage({ language: 'en', explicitLanguage: true, caseId: CASE_ID, token: 'tok', nonce: 'n' });
    expect(body).toContain(`<p id="feedback-link-box" hidden><a id="feedback-link" href="/feedback/${CASE_ID}?token=tok&amp;lang=en">Rate our response, or ask for a review</a></p>`);
    // Shown by the page's bundled module once the case view says so.
    expect(readFileSync(new URL('../../../functions/web/browser/resident/trackingPage.ts', import.meta.url), 'utf8')).toContain("byId('feedback-link-box').hidden = view.status !== 'responded';");
  });
});
