/** The webPages handler: language from the request, per-response nonce, security headers, estates from the case store. */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBrowserAssets } from '../../../infra/browserBuild';
import type { Estate } from '../../../functions/domain/estate';
import { demoEstates } from '../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../support/inMemoryCaseStore';

const store = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock('../../../functions/platform/clients', () => ({ getCaseStore: () => store.current }));
const { handler } = await import('../../../functions/api/webPages');

/** A demo estate with other names: the rest of its shape stays whatever the platform's estates are. */
const estate = (estateId: string, en: string, zhHant: string, zhHans: string): Estate => ({
  ...demoEstates[0]!,
  estateId,
  referencePrefix: estateId,
  names: { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans },
});

function event(routeKey: 'GET /' | 'GET /track/{id}' | 'GET /feedback/{id}', options: { query?: Record<string, string>; headers?: Record<string, string>; id?: string } = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey,
    rawPath: routeKey === 'GET /' ? '/' : `/track/${options.id}`,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: options.headers ?? {},
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.id ? { pathParameters: { id: options.id } } : {}),
    requestContext: { requestId: 'req-1', routeKey, http: { method: 'GET', path: '/' } },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}
const context = { awsRequestId: 'req-1' } as Context;

async function get(e: APIGatewayProxyEventV2) {
  const result = await handler(e, context);
  return { status: result.statusCode!, headers: result.headers as Record<string, string>, body: result.body! };
}

// The pages load built modules (the form, the feedback page, the tracking page's decisions).
beforeAll(() => {
  process.env.BROWSER_ASSETS_DIR = buildBrowserAssets(mkdtempSync(path.join(tmpdir(), 'web-pages-test-'))).outDir;
});
afterAll(() => {
  rmSync(process.env.BROWSER_ASSETS_DIR!, { recursive: true, force: true });
  delete process.env.BROWSER_ASSETS_DIR;
});

beforeEach(() => {
  store.current = new InMemoryCaseStore([estate('EST01', 'Harbour View Gardens', '海景花園', '海景花园'), estate('BAD', '<script>alert("en")</script>', '<script>alert("x")</script>', '<script>alert("y")</script>')]);
});

describe('GET /', () => {
  it('renders the form in the language the browser asks for, with the estates from the store escaped', async () => {
    const page = await get(event('GET /', { headers: { 'accept-language': 'zh-HK,zh;q=0.9,en;q=0.8' } }));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-language']).toBe('zh-Hant');
    expect(page.headers.vary).toBe('accept-language');
    expect(page.body).toContain('<html lang="zh-Hant">');
    expect(page.body).toContain('>海景花園</option>');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('lets ?lang= override the browser', async () => {
    const page = await get(event('GET /', { query: { lang: 'zh-Hans' }, headers: { 'accept-language': 'en-GB' } }));
    expect(page.body).toContain('<html lang="zh-Hans">');
    expect(page.body).toContain('>海景花园</option>');
  });

  it("sends a strict CSP whose nonce, fresh for every response, is the one on the form's module and style", async () => {
    const first = await get(event('GET /'));
    const second = await get(event('GET /'));
    const nonceOf = (csp: string) => /script-src 'nonce-([^']+)'/.exec(csp)![1]!;
    const nonce = nonceOf(first.headers['content-security-policy']!);
    expect(nonceOf(second.headers['content-security-policy']!)).not.toBe(nonce);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(first.headers['content-security-policy']).toBe(
      `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'nonce-${nonce}'; connect-src 'self' https://*.amazonaws.com; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    );
    expect(first.body).toContain(`<style nonce="${nonce}">`);
    // The form's behaviour is the built entry (no script in a string).
    expect(first.body).toMatch(new RegExp(`<script type="module" src="/assets/complaintForm-[^"]+\\.js" nonce="${nonce.replace(/[+/]/g, '\\$&')}">`));
    expect(first.body).not.toMatch(/<script nonce=/);
    expect(first.body).not.toMatch(/\sstyle="/);
    expect(first.headers).toMatchObject({
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
  });
});

describe('GET /track/{id}', () => {
  it('renders the tracking shell with the same security headers', async () => {
    const page = await get(event('GET /track/{id}', { id: '01JQ3Z5R8W6Y2M4N7P9T1V3X5Z', query: { token: 'abc', lang: 'en' } }));
    expect(page.status).toBe(200);
    // The page's script is the built module (status, story, additions, decisions), loaded under the nonce ('strict-dynamic' for its chunks).
    const nonce = /script-src 'nonce-([^']+)' 'strict-dynamic'/.exec(page.headers['content-security-policy']!)![1]!;
    expect(page.body).toMatch(new RegExp(`<script type="module" src="/assets/trackingPage-[^"]+\\.js" nonce="${nonce.replace(/[+/]/g, '\\$&')}">`));
    expect(page.body).toContain('id="compensation-confirm"');
    expect(page.body).toContain('id="withdraw-confirm"');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('"explicit":true');
  });

  it('answers a link without a token with the not-found page', async () => {
    const page = await get(event('GET /track/{id}', { id: '01JQ3Z5R8W6Y2M4N7P9T1V3X5Z', headers: { 'accept-language': 'zh-CN' } }));
    expect(page.status).toBe(404);
    expect(page.body).toContain('找不到此投诉');
  });
});

describe('GET /feedback/{id}', () => {
  it("loads the feedback page's built module under the nonce, with no script in a string", async () => {
    const page = await get(event('GET /feedback/{id}', { id: '01JQ3Z5R8W6Y2M4N7P9T1V3X5Z', query: { token: 'abc', aspect: 'outcome', rating: '4', lang: 'en' } }));
    expect(page.status).toBe(200);
    const nonce = /script-src 'nonce-([^']+)' 'strict-dynamic'/.exec(page.headers['content-security-policy']!)![1]!;
    const src = new RegExp(`<script type="module" src="/assets/(feedbackPage-[^"]+\\.js)" nonce="${nonce.replace(/[+/]/g, '\\$&')}">`).exec(page.body)?.[1];
    expect(src).toBeDefined();
    expect(existsSync(path.join(process.env.BROWSER_ASSETS_DIR!, src!))).toBe(true);
    expect(page.body).not.toMatch(/<script nonce=/);
  });
});
