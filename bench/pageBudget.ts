/**
 * The staff console's JavaScript per page against the 60 KB gzip page budget (issue #12), measured from
 * one browser build's esbuild metafile (infra/browserBuild.ts), each page next to the resident complaint
 * form's JavaScript built in the same run (the baseline: the smallest page people load).
 *
 * What a page loads, counted in gzip bytes of the built files:
 *   - `jsGzip`: the console entry and its static imports, the page's own chunk with its static imports,
 *     and the reader's message catalogue (the largest language's, as the console fetches one before it renders),
 *     with the page's part of it where its texts are one (the administration pages, the self-assessment);
 *   - `chartChunksGzip`: what the page's own modules load with import() once it shows (the chart library of the
 *     dashboard and the performance page), with their static imports, less what the page already has;
 *   - `completeGzip` = the two: the page with its charts drawn. It is the figure judged against the budget.
 * Not counted in any page: the sign-in protocol's chunk (oauth4webapi), which the shell loads only to sign in,
 * refresh or sign out (`signInChunkGzip` reports it), and the other pages and languages.
 *
 * `npm run bench -- --only pages` writes it into bench/results/<date>.json; `npm run bench:console` adds the
 * first load with the HTML and the queue's render time (bench/console-results.json).
 */
import path from 'node:path';
import type { Metafile } from 'esbuild';
import type { BrowserBuildResult } from '../infra/browserBuild';

export const PAGE_JS_BUDGET_GZIP = 60 * 1024;

/** The console pages measured: the module under functions/web/browser/pages/ of each. */
export const CONSOLE_PAGES = ['home', 'queue', 'case', 'logComplaint', 'letters', 'mailDesk', 'dutyLog', 'compliance', 'dashboard', 'performance', 'selfAssessment', 'admin/home', 'admin/estates', 'admin/policies'] as const;

export interface PageSize {
  page: string;
  files: number;
  jsGzip: number;
  chartChunksGzip: number;
  completeGzip: number;
  /** `completeGzip` ÷ the resident complaint form's JavaScript. */
  vsResidentForm: number;
  withinBudget: boolean;
}

export interface PageBudgetResult {
  budgetGzip: number;
  /** The baseline: the resident complaint form's module and its static imports, gzip. */
  residentFormJsGzip: number;
  /** The catalogue counted in every page (the largest language's), and its size. */
  catalogue: { language: string; gzip: number };
  signInChunkGzip: number;
  pages: PageSize[];
  pass: boolean;
}

/** Pages whose texts are a part of the catalogue fetched with the page (functions/web/browser/pages.ts, `withTexts`). */
const CATALOGUE_PART_OF: Partial<Record<(typeof CONSOLE_PAGES)[number], string>> = {
  'admin/home': 'admin',
  'admin/estates': 'admin',
  'admin/policies': 'admin',
  selfAssessment: 'selfAssessment',
};

/** The per-language message catalogues (functions/web/browser/i18n.ts loads the reader's one). */
export const isCatalogue = (entryPoint: string | undefined) => /functions\/messages\/(en|zh-Hant|zh-Hans)\.ts$/.test(entryPoint ?? '');

type Outputs = Metafile['outputs'];

/** A file and everything it imports statically, transitively (basenames). */
function staticClosure(outputs: Outputs, start: string[], into = new Set<string>()): Set<string> {
  const byName = new Map(Object.keys(outputs).map((key) => [path.basename(key), key]));
  const visit = (name: string) => {
    if (into.has(name)) return;
    into.add(name);
    for (const imported of outputs[byName.get(name)!]!.imports) if (imported.kind === 'import-statement') visit(path.basename(imported.path));
  };
  for (const name of start) visit(name);
  return into;
}

const outputOf = (outputs: Outputs, entrySuffix: string) => Object.entries(outputs).find(([, meta]) => meta.entryPoint?.endsWith(entrySuffix));

export function measurePageBudget(build: BrowserBuildResult): PageBudgetResult {
  const outputs = build.metafile.outputs;
  const gzip = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + build.manifest.files[file]!.gzipBytes, 0);
  const byName = new Map(Object.keys(outputs).map((key) => [path.basename(key), key]));
  const shell = staticClosure(outputs, [build.manifest.entries.console!.file]);
  const [catalogueOutput, catalogueMeta] = Object.entries(outputs)
    .filter(([, meta]) => isCatalogue(meta.entryPoint))
    .sort(([, a], [, b]) => b.bytes - a.bytes)[0]!;
  const catalogueFiles = staticClosure(outputs, [path.basename(catalogueOutput)]);
  const signIn = outputOf(outputs, 'functions/web/browser/oauthProtocol.ts');
  const formEntry = build.manifest.entries.complaintForm!;
  const residentFormJsGzip = gzip([formEntry.file, ...formEntry.imports]);

  const pages = CONSOLE_PAGES.map((page): PageSize => {
    const chunk = outputOf(outputs, `functions/web/browser/pages/${page}.tsx`);
    if (!chunk) throw new Error(`page ${page}: no chunk in the build`);
    const own = staticClosure(outputs, [path.basename(chunk[0])]);
    const files = new Set([...shell, ...own, ...catalogueFiles]);
    // The page's part of the catalogue, if it has one: the largest language's, as for the catalogue.
    const part = CATALOGUE_PART_OF[page];
    if (part) {
      const partFiles = Object.entries(outputs)
        .filter(([, meta]) => new RegExp(`functions/messages/${part}\\.(en|zh-Hant|zh-Hans)\\.ts$`).test(meta.entryPoint ?? ''))
        .sort(([, a], [, b]) => b.bytes - a.bytes);
      if (partFiles.length === 0) throw new Error(`page ${page}: no catalogue part ${part} in the build`);
      staticClosure(outputs, [path.basename(partFiles[0]![0])], files);
    }
    // Loaded with import() by the page's own modules (not the shell's: pages, catalogues, sign-in are the shell's).
    const later = new Set<string>();
    for (const file of own) {
      if (shell.has(file)) continue;
      for (const imported of outputs[byName.get(file)!]!.imports) {
        if (imported.kind !== 'dynamic-import') continue;
        const target = outputs[imported.path];
        if (target?.entryPoint?.includes('functions/web/browser/pages/') || isCatalogue(target?.entryPoint)) continue;
        for (const name of staticClosure(outputs, [path.basename(imported.path)])) if (!files.has(name)) later.add(name);
      }
    }
    const jsGzip = gzip(files);
    const chartChunksGzip = gzip(later);
    const completeGzip = jsGzip + chartChunksGzip;
    return { page, files: files.size + later.size, jsGzip, chartChunksGzip, completeGzip, vsResidentForm: Number((completeGzip / residentFormJsGzip).toFixed(2)), withinBudget: completeGzip <= PAGE_JS_BUDGET_GZIP };
  });
  return {
    budgetGzip: PAGE_JS_BUDGET_GZIP,
    residentFormJsGzip,
    catalogue: { language: catalogueMeta.entryPoint!.replace(/.*\/(.+)\.ts$/, '$1'), gzip: gzip(catalogueFiles) },
    signInChunkGzip: signIn ? gzip(staticClosure(outputs, [path.basename(signIn[0])])) : 0,
    pages,
    pass: pages.every((p) => p.withinBudget),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The table of the text and Markdown reports (bench/report.ts): head, rows, and the columns aligned left. */
export function pageBudgetTable(result: PageBudgetResult): { head: string[]; rows: string[][]; left: number[] } {
  return {
    head: ['page', 'JS before it shows', 'charts after it shows', 'in all (judged)', '× resident form', `≤ ${kb(result.budgetGzip)}`],
    rows: result.pages.map((p) => [p.page, kb(p.jsGzip), p.chartChunksGzip > 0 ? kb(p.chartChunksGzip) : '—', kb(p.completeGzip), `${p.vsResidentForm.toFixed(2)}×`, p.withinBudget ? 'PASS' : 'MISS']),
    left: [0],
  };
}

export const pageBudgetSummary = (result: PageBudgetResult) =>
  `gzip of the built files (infra/browserBuild.ts, esbuild metafile). Baseline, in the same build: the resident complaint form's JavaScript, ${kb(result.residentFormJsGzip)}. Every page counts the ${result.catalogue.language} catalogue (${kb(result.catalogue.gzip)}, the largest language's). The sign-in chunk (oauth4webapi, ${kb(result.signInChunkGzip)}) is loaded only to sign in, refresh or sign out, and counted in no page`;
