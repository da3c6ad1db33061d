/**
 * Committed result files: each full bench run writes `bench/results/<date>.json`
 * with the sections it ran (`npm run bench -- --only intake,cost` runs some).
 * docs/BENCHMARKS.md's figures are generated from these files only: for each
 * section, the newest file that has it, named next to its figures.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResults } from './report';

export const RESULTS_DIR = 'bench/results';
export const SECTIONS = ['bundles', 'intake', 'lifecycle', 'cost', 'pages'] as const;
export type Section = (typeof SECTIONS)[number];

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** `2026-12-07T12:03:04.567Z` → `2026-12-07T12-03-04Z.json`: sortable, and valid on every file system. */
export function resultsFileName(date: string): string {
  return `${date.slice(0, 19).replace(/:/g, '-')}Z.json`;
}

export function writeResultsFile(results: BenchResults): string {
  const path = join(RESULTS_DIR, resultsFileName(results.date));
  mkdirSync(join(REPO_ROOT, RESULTS_DIR), { recursive: true });
  writeFileSync(join(REPO_ROOT, path), `${JSON.stringify(results, null, 2)}\n`);
  return path;
}

export interface SectionSource {
  /** The results file, from the repository root. */
  file: string;
  results: BenchResults;
}

const MAIN_RESULTS_FILE = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.json$/;

/** For each section, the newest results file that has it (files whose run reported errors are skipped). */
export function latestSections(directory = join(REPO_ROOT, RESULTS_DIR)): Partial<Record<Section, SectionSource>> {
  let names: string[];
  try {
    // Only the main bench's files (`<date>.json`): the soak and insight benches keep their own files beside them.
    names = readdirSync(directory).filter((name) => MAIN_RESULTS_FILE.test(name)).sort().reverse();
  } catch {
    return {};
  }
  const found: Partial<Record<Section, SectionSource>> = {};
  for (const name of names) {
    const results = JSON.parse(readFileSync(join(directory, name), 'utf8')) as BenchResults;
    if (results.errors.length > 0) continue;
    for (const section of SECTIONS) if (!found[section] && results[section]) found[section] = { file: `${RESULTS_DIR}/${name}`, results };
  }
  return found;
}
