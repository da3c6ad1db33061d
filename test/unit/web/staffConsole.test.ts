/**
 * The staff console shell: escaping, the CSP nonce, no inline handlers, the
 * token kept out of cookies, and action forms that produce exactly what
 * `staffActionSchema` (and the compensation decision schema) accept.
 */
import { STAFF_CONSOLE_SCRIPT } from '../../../functions/web/staffConsoleScript';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { describe, expect, it, vi } from 'vitest';
import { STAFF_ROLES } from '../../../functions/domain/access/identity';
import type { Estate } from '../../../functions/domain/estate';
import { compensationDecisionSchema } from '../../../functions/domain/lifecycle/compensationReview';
import { staffActionSchema, type StaffActionType } from '../../../functions/domain/lifecycle/staffActions';
import { ACTION_FORMS, COMPENSATION_FORM, type Field, RESPONSE_OUTCOMES, renderStaffConsole } from '../../../functions/web/staffConsole';
import { demoEstates } from '../../../infra/local/demoGroup';
import { InMemoryCaseStore } from '../../support/inMemoryCaseStore';

const store = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock('../../../functions/platform/clients', () => ({ getCaseStore: () => store.current }));
const { handler } = await import('../../../functions/api/staffConsolePage');

const hostile: Estate = {
  ...demoEstates[0]!,
  estateId: 'BAD01',
  names: { en: '<script>alert("estate")</script>', 'zh-Hant': 'x', 'zh-Hans': 'x' },
  departments: [{ departmentId: 'evil', names: { en: '"><img src=x onerror=alert(1)>', 'zh-Hant': 'x', 'zh-Hans': 'x' }, email: 'secret.department@demo-group.example' }],
};
/** The page with the bodies of its script elements removed (the JSON data block included). */
const withoutScripts = (body: string) => body.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
const render = () => renderStaffConsole({ estates: [demoEstates[0]!, hostile], nonce: 'staffNonce' });
const pageData = (body: string) => JSON.parse(/<script type="application\/json" id="page-data" nonce="staffNonce">(.*?)<\/script>/.exec(body)![1]!);

/** A value the schema accepts for each kind of field, as the browser would send it after filling the form. */
function fill(fields: readonly Field[], body: Record<string, unknown>): void {
  const future = new Date(Date.now() + 7 * 86400_000).toISOString();
  const set = (path: string, value: unknown) => {
    const parts = path.split('.');
    let node = body as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = value;
  };
  for (const field of fields) {
    switch (field.kind) {
      case 'group':
        fill(field.fields, body);
        break;
      case 'list':
        body[field.name] = [Object.fromEntries(field.itemFields.map((item) => [item.name, item.kind === 'datetime' ? future : 'Replace the lift door sensor']))];
        break;
      case 'select':
        set(field.name, field.options === 'departments' ? 'engineering' : field.valueType === 'int' ? Number(field.options[0]!.value) : field.options[0]!.value);
        break;
      case 'radio':
        set(field.name, field.options[0]!.value);
        break;
      case 'email':
        set(field.name, 'district.office@example.gov.hk');
        break;
      case 'number':
        set(field.name, field.min === 0 ? 100 : field.min);
        break;
      case 'datetime':
        set(field.name, future);
        break;
      default:
        set(field.name, field.name === 'assigneeId' || field.name === 'staffMember' ? 'engineering.est01' : 'A considered explanation of what we found and did.');
    }
  }
}

describe('the staff console page', () => {
  it('escapes estate and department names, and never carries department contact addresses', () => {
    const body = render();
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img');
    expect(body).toContain('&lt;script&gt;alert(&quot;estate&quot;)&lt;/script&gt; (BAD01)</option>');
    expect(body).not.toContain('secret.department@');
    const data = pageData(body);
    expect(data.estates.find((e: { estateId: string }) => e.estateId === 'BAD01').departments).toEqual([{ departmentId: 'evil', name: '"><img src=x onerror=alert(1)>' }]);
  });

  it('has a script that parses as plain JavaScript', () => {
    expect(() => new Function(STAFF_CONSOLE_SCRIPT)).not.toThrow();
  });

  it('runs only under the nonce: one data block, one script, no inline handlers, no style attributes, nothing external', () => {
    const body = render();
    expect([...body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script type="application/json" id="page-data" nonce="staffNonce">', '<script src="/staff/console.js" nonce="staffNonce">']);
    expect(body).toContain('<style nonce="staffNonce">');
    // In the markup (script bodies aside): no event-handler or style attributes.
    const tags = [...withoutScripts(body).matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]);
    expect(tags.length).toBeGreaterThan(20);
    expect(tags.filter((tag) => /\son[a-z]+\s*=|\sstyle\s*=/i.test(tag))).toEqual([]);
    expect(body).not.toMatch(/javascript:/i);
    expect(body).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(body).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(body).toContain('<html lang="en">');
  });

  it('keeps the bearer token in sessionStorage and sends it only as an Authorization header, never as a cookie', () => {
    const body = STAFF_CONSOLE_SCRIPT;
    expect(body).toContain('window.sessionStorage.setItem(TOKEN_KEY, value)');
    expect(body).toContain("authorization: 'Bearer ' + token");
    expect(body).not.toMatch(/document\.cookie|localStorage|innerHTML|outerHTML|insertAdjacentHTML|eval\(/);
    expect(body).toContain("credentials: 'omit'");
  });

  it('hides the demo picker until GET /local/demo-users answers', () => {
    expect(render()).toContain('<section id="demo" class="procedure" aria-labelledby="demo-title" hidden>');
    expect(STAFF_CONSOLE_SCRIPT).toContain("fetch('/local/demo-users'");
    expect(STAFF_CONSOLE_SCRIPT).toContain('if (response.status !== 200) return null;');
  });

  it('renders one hidden form per staff action, with labelled controls', () => {
    const body = render();
    const types = Object.keys(staffActionSchema._zod.def.options.reduce((acc, option) => ({ ...acc, [(option._zod.def.shape.type as z.ZodMiniLiteral<string>)._zod.def.values[0]!]: true }), {}));
    expect(Object.keys(ACTION_FORMS).sort()).toEqual(types.sort());
    for (const type of types) {
      expect(body).toContain(`<details class="action" data-action="${type}" hidden>`);
      expect(body).toContain(`data-action-form="${type}"`);
    }
    // Every control with an id has a label pointing at it (radios and list rows aside, which are labelled in their own way).
    for (const [, id] of body.matchAll(/<(?:input|select|textarea) [^>]*\bid="(action-[^"]+|compensation-form-[^"]+)"/g)) {
      expect(body, id).toContain(`for="${id}"`);
    }
    expect(body).toContain('<section id="compensation" class="action" aria-labelledby="compensation-title" hidden>');
  });

  it.each(Object.keys(ACTION_FORMS) as StaffActionType[])('the %s form yields a body staffActionSchema accepts', (type) => {
    const body: Record<string, unknown> = { type };
    fill(ACTION_FORMS[type].fields, body);
    const parsed = z.safeParse(staffActionSchema, body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('offers exactly the response outcomes the schema accepts', () => {
    for (const outcome of RESPONSE_OUTCOMES) {
      const ok = z.safeParse(staffActionSchema, { type: 'respond', outcome, decision: 'd', reasons: 'r', rootCause: 'c', accountability: 'a' });
      expect(ok.success, outcome).toBe(true);
    }
    expect(z.safeParse(staffActionSchema, { type: 'respond', outcome: 'maybe', decision: 'd', reasons: 'r', rootCause: 'c', accountability: 'a' }).success).toBe(false);
  });

  it('the compensation form yields a body the decision schema accepts, with the live C ≥ A + B check', () => {
    const body: Record<string, unknown> = {};
    fill(COMPENSATION_FORM.fields, body);
    const parsed = z.safeParse(compensationDecisionSchema, body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const page = render();
    expect(page).toContain('<p class="vr-check" id="vr-check" role="status" aria-live="polite">Enter A, B and C to check C ≥ A + B.</p>');
    expect(page).toContain('data-show-field="decision" data-show-value="amend"');
  });

  it('tells the script which actions each role may take, from the access policy', () => {
    const data = pageData(render());
    expect(Object.keys(data.actionsByRole).sort()).toEqual([...STAFF_ROLES].sort());
    expect(data.actionsByRole['cs-lead']).toEqual(expect.arrayContaining(['triage', 'mark-invalid', 'respond', 'reopen']));
    expect(data.actionsByRole['department-handler']).not.toContain('triage');
    expect(data.actionsByRole.compliance).toEqual([]);
    expect(data.compensationRoles['compensation-hq-approval']).toEqual(['hq']);
  });
});

describe('GET /staff through the staff console handler', () => {
  it('serves the console with a fresh nonce and the strict headers', async () => {
    store.current = new InMemoryCaseStore([demoEstates[0]!]);
    const event = {
      version: '2.0',
      routeKey: 'GET /staff',
      rawPath: '/staff',
      rawQueryString: '',
      headers: { 'accept-language': 'zh-HK' },
      requestContext: { requestId: 'req-1', routeKey: 'GET /staff', http: { method: 'GET', path: '/staff' } },
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    const first = await handler(event, { awsRequestId: 'r' } as Context);
    const second = await handler(event, { awsRequestId: 'r' } as Context);
    const headers = first.headers as Record<string, string>;
    expect(first.statusCode).toBe(200);
    expect(headers['content-language']).toBe('en');
    expect(headers['x-frame-options']).toBe('DENY');
    const nonce = /script-src 'nonce-([^']+)'/.exec(headers['content-security-policy']!)![1]!;
    expect(nonce).not.toBe(/script-src 'nonce-([^']+)'/.exec((second.headers as Record<string, string>)['content-security-policy']!)![1]);
    expect(first.body).toContain(`<script src="/staff/console.js" nonce="${nonce}"></script>`);
    expect(first.body).toContain('Harbour View Gardens (EST01)</option>');
  });
});

describe('GET /staff/console.js', () => {
  it('serves the console script as JavaScript with the strict headers, and 304 while unchanged', async () => {
    const { handler: script } = await import('../../../functions/api/staffConsoleScript');
    const event = (headers: Record<string, string> = {}) =>
      ({ version: '2.0', routeKey: 'GET /staff/console.js', rawPath: '/staff/console.js', rawQueryString: '', headers, requestContext: { requestId: 'req-2', routeKey: 'GET /staff/console.js', http: { method: 'GET', path: '/staff/console.js' } }, isBase64Encoded: false }) as unknown as APIGatewayProxyEventV2;
    const first = await script(event(), { awsRequestId: 'r' } as Context);
    const headers = first.headers as Record<string, string>;
    expect(first.statusCode).toBe(200);
    expect(first.body).toBe(STAFF_CONSOLE_SCRIPT);
    expect(headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
    const again = await script(event({ 'if-none-match': headers.etag! }), { awsRequestId: 'r' } as Context);
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });
});
