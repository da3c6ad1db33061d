/**
 * `GET /assets/{file}` — the built browser modules (infra/browserBuild.ts). Their names carry a hash of
 * their content, so a response never goes stale: browsers and CDNs keep it a year without asking
 * again (immutable). Each file is sent precompressed, brotli or gzip as the browser accepts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assetDirectory, assetManifest } from '../web/assetManifest';
import { header, httpEndpoint, json, SECURITY_HEADERS } from '../platform/http';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const contents = new Map<string, string>();

/** Which precompressed copy to send: brotli, then gzip, then none (a q=0 refuses an encoding). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => accepted.get(name) ?? (accepted.get('*') ?? 0);
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

function read(file: string): string {
  let body = contents.get(file);
  if (body === undefined) {
    body = readFileSync(path.join(assetDirectory(), file)).toString('base64');
    contents.set(file, body);
  }
  return body;
}

export const handler = httpEndpoint('browserAssets', async (event) => {
  const name = event.pathParameters?.file ?? '';
  const manifest = assetManifest();
  // Only files of the manifest: never a path built from the request.
  const file = Object.hasOwn(manifest.files, name) ? manifest.files[name] : undefined;
  if (!file) return json(404, { error: { code: 'not_found', message: 'No such asset.' } });
  const encoding = chooseEncoding(header(event, 'accept-encoding'));
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': file.contentType,
    'cache-control': IMMUTABLE,
    vary: 'accept-encoding',
    etag: file.etag,
    ...(encoding ? { 'content-encoding': encoding } : {}),
  };
  if (header(event, 'if-none-match') === file.etag) return { statusCode: 304, headers, body: '' };
  const stored = encoding === 'br' ? `${name}.br` : encoding === 'gzip' ? `${name}.gz` : name;
  return { statusCode: 200, headers, body: read(stored), isBase64Encoded: true };
});
