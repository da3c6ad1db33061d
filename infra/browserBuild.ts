/**
 * Builds the browser code (functions/web/browser/, TypeScript + Preact TSX) into static assets:
 * one esbuild run, ES modules with code splitting (a page's module is a chunk the console shell
 * loads when the page is opened), content-hashed file names, and each file precompressed with
 * gzip and brotli. `manifest.json` maps each entry to its hashed file and lists every file.
 *
 * The same function runs for the CDK stack (synth builds once; the functions flagged
 * `browserAssets` in infra/catalog.ts carry the directory in their bundle), for the local
 * runtime (at start), for the tests (their global setup) and for the bench.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { buildSync, type Metafile } from 'esbuild';
import type { AssetManifest } from '../functions/web/assetManifest';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Browser entry points: name → source. A page served by a function names its entry here. */
export const BROWSER_ENTRIES = {
  console: 'functions/web/browser/console/main.tsx',
  // The complaint form (filing, field errors) with the photos and documents added once it is filed.
  complaintForm: 'functions/web/browser/resident/complaintForm.ts',
  // The satisfaction confirmation page (confirm a rating, ask for stage 2).
  feedbackPage: 'functions/web/browser/resident/feedbackPage.ts',
  // The tracking page (status, story, additions) with the complainant's decisions (accept/decline compensation, withdraw).
  trackingPage: 'functions/web/browser/resident/trackingPage.ts',
} as const;

export type BrowserEntry = keyof typeof BROWSER_ENTRIES;

/** Where builds go by default (git-ignored). */
export const DEFAULT_BROWSER_ASSETS_DIR = path.join(REPO_ROOT, '.build', 'browser-assets');

export interface BrowserBuildResult {
  outDir: string;
  manifest: AssetManifest;
  metafile: Metafile;
}

/** Builds every entry into `outDir` (emptied first). Synchronous, so a CDK construct can call it. */
export function buildBrowserAssets(outDir: string = DEFAULT_BROWSER_ASSETS_DIR): BrowserBuildResult {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = buildSync({
    entryPoints: Object.fromEntries(Object.entries(BROWSER_ENTRIES).map(([name, source]) => [name, path.join(REPO_ROOT, source)])),
    absWorkingDir: REPO_ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    // Evergreen browsers of staff PCs and phones; no polyfills are shipped.
    target: ['es2022', 'chrome111', 'firefox111', 'safari16.4'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: path.join(REPO_ROOT, 'functions/web/browser/tsconfig.json'),
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    outdir: outDir,
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const manifest: AssetManifest = { entries: {}, files: {} };
  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    const contents = Buffer.from(file.contents);
    const gzip = gzipSync(contents, { level: 9 });
    const brotli = brotliCompressSync(contents, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: contents.length } });
    writeFileSync(path.join(outDir, name), contents);
    writeFileSync(path.join(outDir, `${name}.gz`), gzip);
    writeFileSync(path.join(outDir, `${name}.br`), brotli);
    manifest.files[name] = {
      contentType: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      bytes: contents.length,
      gzipBytes: gzip.length,
      brotliBytes: brotli.length,
      etag: `"${createHash('sha256').update(contents).digest('base64url').slice(0, 22)}"`,
    };
  }
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const entry = Object.entries(BROWSER_ENTRIES).find(([, source]) => path.resolve(REPO_ROOT, meta.entryPoint!) === path.join(REPO_ROOT, source));
    if (!entry) continue;
    const name = path.basename(output);
    manifest.entries[entry[0]] = { file: name, imports: meta.imports.filter((i) => i.kind === 'import-statement').map((i) => path.basename(i.path)) };
  }
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { outDir, manifest, metafile: result.metafile };
}

/** The files of a build directory (for the CDK bundling hook's copy). */
export const builtFiles = (outDir: string) => readdirSync(outDir);

// `npm run build:browser`: a build to look at (sizes of each file), into the default directory.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { manifest, outDir } = buildBrowserAssets();
  for (const [name, file] of Object.entries(manifest.files)) console.log(`${name}\t${file.bytes} B\tgzip ${file.gzipBytes} B\tbrotli ${file.brotliBytes} B`);
  console.log(`written to ${outDir}`);
}
