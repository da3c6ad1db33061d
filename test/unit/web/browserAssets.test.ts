/**
 * The browser build (infra/browserBuild.ts) and the function serving it (`GET /assets/{file}`):
 * content-hashed names, precompressed copies chosen by Accept-Encoding, cached a year as immutable,
 * 304 on a matching ETag, and nothing served that is not in the manifest.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrowserAssets, type BrowserBuildResult } from '../../../infra/browserBuild';
import { RESIDENT_CATALOGUES } from '../../../functions/messages/resident';

let build: BrowserBuildResult;
beforeAll(() => {
  build = buildBrowserAssets(mkdtempSync(path.join(tmpdir(), 'assets-test-')));
  process.env.BROWSER_ASSETS_DIR = build.outDir;
});
afterAll(() => rmSync(build.outDir, { recursive: true, force: true }));

const request = (file: string, headers: Record<string, string> = {}) =>
  ({ version: '2.0', routeKey: 'GET /assets/{file}', rawPath: `/assets/${file}`, rawQueryString: '', headers, pathParameters: { file }, requestContext: { requestId: 'req', routeKey: 'GET /assets/{file}', http: { method: 'GET', path: `/assets/${file}` } }, isBase64Encoded: false }) as unknown as APIGatewayProxyEventV2;

describe('the browser build', () => {
  it('names every file by its content and writes gzip and brotli copies', () => {
    const entry = build.manifest.entries.console!;
    expect(entry.file).toMatch(/^console-[A-Z0-9]{8}\.js$/);
    for (const [name, file] of Object.entries(build.manifest.files)) {
      const raw = readFileSync(path.join(build.outDir, name));
      expect(raw.length).toBe(file.bytes);
      expect(gunzipSync(readFileSync(path.join(build.outDir, `${name}.gz`)))).toEqual(raw);
      expect(brotliDecompressSync(readFileSync(path.join(build.outDir, `${name}.br`)))).toEqual(raw);
    }
  });

  it('carries none of the resident emails\' and pages\' texts (the server renders them; the console loads only its catalogue)', () => {
    const texts = (node: unknown): string[] => (typeof node === 'string' ? [node] : Object.values(node as Record<string, unknown>).flatMap(texts));
    // Long English texts: esbuild writes Chinese as \u escapes, and short words may be the console's too.
    const resident = texts(RESIDENT_CATALOGUES.en).filter((text) => text.length >= 40 && !text.includes('\n'));
    expect(resident.length).toBeGreaterThan(50);
    for (const name of Object.keys(build.manifest.files).filter((file) => file.endsWith('.js'))) {
      const code = readFileSync(path.join(build.outDir, name), 'utf8');
      expect(resident.filter((text) => code.includes(text)), name).toEqual([]);
    }
  });

  it('gives the same names to the same sources (a rebuild changes nothing a browser cached)', () => {
    const again = buildBrowserAssets(mkdtempSync(path.join(tmpdir(), 'assets-again-')));
    try {
      expect(Object.keys(again.manifest.files).sort()).toEqual(Object.keys(build.manifest.files).sort());
    } finally {
      rmSync(again.outDir, { recursive: true, force: true });
    }
  });
});

describe('GET /assets/{file}', async () => {
  const { handler, chooseEncoding } = await import('../../../functions/api/browserAssets');
  const context = { awsRequestId: 'r' } as Context;

  it('sends brotli, gzip or the plain file as the browser accepts, cached a year as immutable', async () => {
    const name = build.manifest.entries.console!.file;
    const plain = readFileSync(path.join(build.outDir, name));
    const br = await handler(request(name, { 'accept-encoding': 'gzip, deflate, br' }), context);
    expect(br.statusCode).toBe(200);
    expect(br.isBase64Encoded).toBe(true);
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', vary: 'accept-encoding', 'x-content-type-options': 'nosniff' });
    expect(brotliDecompressSync(Buffer.from(br.body!, 'base64'))).toEqual(plain);
    const gz = await handler(request(name, { 'accept-encoding': 'gzip' }), context);
    expect(gz.headers!['content-encoding']).toBe('gzip');
    expect(gunzipSync(Buffer.from(gz.body!, 'base64'))).toEqual(plain);
    const none = await handler(request(name), context);
    expect(none.headers!['content-encoding']).toBeUndefined();
    expect(Buffer.from(none.body!, 'base64')).toEqual(plain);
    const notModified = await handler(request(name, { 'if-none-match': build.manifest.files[name]!.etag }), context);
    expect(notModified.statusCode).toBe(304);
  });

  it('serves nothing outside the manifest', async () => {
    for (const file of ['manifest.json', '../package.json', 'console.js', `${build.manifest.entries.console!.file}.br`, 'constructor', '__proto__']) {
      expect((await handler(request(file), context)).statusCode, file).toBe(404);
    }
  });

  it('honours q-values when choosing an encoding', () => {
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});
