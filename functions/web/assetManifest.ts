/**
 * The built browser assets (infra/browserBuild.ts) as the functions that serve pages and files see
 * them: a directory holding each hashed file, its `.gz` and `.br` copies and `manifest.json`.
 * In AWS the directory is part of the function's bundle (`BROWSER_ASSETS_DIR`, set by the stack for
 * functions flagged `browserAssets` in infra/catalog.ts); locally the runtime builds it at start.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The URL path under which `browserAssets` serves the files. */
export const ASSET_PATH_PREFIX = '/assets/';

export interface AssetFile {
  contentType: string;
  bytes: number;
  gzipBytes: number;
  brotliBytes: number;
  etag: string;
}

export interface AssetManifest {
  /** Entry name → its hashed file and the chunks it imports statically (preloaded by the page). */
  entries: Record<string, { file: string; imports: string[] }>;
  /** Every servable file by its hashed name. */
  files: Record<string, AssetFile>;
}

export function assetDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.BROWSER_ASSETS_DIR;
  if (!dir) throw new Error('BROWSER_ASSETS_DIR is not set');
  return dir;
}

let cached: { dir: string; manifest: AssetManifest } | undefined;

/** Read once per container: the files never change under a running function. */
export function assetManifest(dir: string = assetDirectory()): AssetManifest {
  if (cached?.dir !== dir) cached = { dir, manifest: JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as AssetManifest };
  return cached.manifest;
}

/** The URL of an entry's module, and of the chunks it needs at once (for modulepreload). */
export function entryUrls(entry: string, manifest: AssetManifest = assetManifest()): { script: string; preload: string[] } {
  const found = manifest.entries[entry];
  if (!found) throw new Error(`browser entry ${entry} is not in the asset manifest`);
  return { script: ASSET_PATH_PREFIX + found.file, preload: found.imports.map((file) => ASSET_PATH_PREFIX + file) };
}
