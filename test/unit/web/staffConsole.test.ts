/**
 * The staff console page: escaping, the CSP (nonce, strict-dynamic, no inline script), the module
 * loaded by its hashed name, and no contact addresses of estates or departments.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Estate } from '../../../functions/domain/estate';
import { demoEstates } from '../../../infra/local/demoGroup';
import { buildBrowserAssets } from '../../../infra/browserBuild';
import { InMemoryCaseStore } from '../../support/inMemoryCaseStore';

const store = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock('../../../functions/platform/clients', () => ({ getCaseStore: () => store.current }));

let dir: string;
beforeAll(() => {
  dir = buildBrowserAssets(mkdtempSync(path.join(tmpdir(), 'console-test-'))).outDir;
  process.env.BROWSER_ASSETS_DIR = dir;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostile: Estate = {
  ...demoEstates[0]!,
  estateId: 'BAD01',
  names: { en: '<script>alert("estate")</script>', 'zh-Hant': 'x', 'zh-Hans': 'x' },
  departments: [{ departmentId: 'evil', names: { en: '"><img src=x onerror=alert(1)>', 'zh-Hant': 'x', 'zh-Hans': 'x' }, email: 'secret.department@demo-group.example' }],
};

const event = { version: '2.0', routeKey: 'GET /staff', rawPath: '/staff', rawQueryString: '', headers: {}, requestContext: { requestId: 'req-1', routeKey: 'GET /staff', http: { method: 'GET', path: '/staff' } }, isBase64Encoded: false } as unknown as APIGatewayProxyEventV2;

describe('GET /staff', () => {
  it('serves the shell with its hashed module under a fresh nonce, strict-dynamic, and nothing inline to run', async () => {
    store.current = new InMemoryCaseStore([demoEstates[0]!, hostile]);
    const { handler } = await import('../../../functions/api/staffConsolePage');
    const first = await handler(event, { awsRequestId: 'r' } as Context);
    const second = await handler(event, { awsRequestId: 'r' } as Context);
    const headers = first.headers as Record<string, string>;
    expect(first.statusCode).toBe(200);
    const csp = headers['content-security-policy']!;
    const nonce = /script-src 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)![1]!;
    expect(nonce).not.toBe(/script-src 'nonce-([^']+)'/.exec((second.headers as Record<string, string>)['content-security-policy']!)![1]);
    const body = first.body!;
    expect(body).toMatch(new RegExp(`<script type="module" src="/assets/console-[A-Z0-9]{8}\\.js" nonce="${nonce.replace(/[+/]/g, '\\$&')}"></script>`));
    // Only the JSON data block and the module: no inline script, no inline handlers.
    const scripts = [...body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toContain('type="application/json"');
    const markupOnly = body.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    expect(markupOnly).not.toMatch(/\son[a-z]+=/i);
    // Estate names are data, escaped; contact addresses never reach the page.
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('\\u003cscript\\u003ealert');
    expect(body).not.toContain('secret.department@');
    expect(body).not.toContain('cs.est01@');
  });
});
