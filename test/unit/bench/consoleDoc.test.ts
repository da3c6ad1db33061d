/**
 * docs/CONSOLE.md's budgets table is what bench/console-results.json says (bench/consoleDoc.ts), not typed by hand:
 * the committed doc matches the committed results, and a page over its budget is marked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ConsoleBenchResults, renderConsoleBudgets } from '../../../bench/consoleDoc';

const root = join(import.meta.dirname, '..', '..', '..');
const results = JSON.parse(readFileSync(join(root, 'bench', 'console-results.json'), 'utf8')) as ConsoleBenchResults;

describe("the console budgets' table", () => {
  it('in docs/CONSOLE.md is the rendering of the committed results file', () => {
    const doc = readFileSync(join(root, 'docs', 'CONSOLE.md'), 'utf8');
    expect(doc).toContain(`-->\n${renderConsoleBudgets(results)}\n<!-- console:budgets:end -->`);
  });

  it('marks a page over its budget, and every page of the results has its row', () => {
    const over: ConsoleBenchResults = { ...results, pages: results.pages.map((p, i) => (i === 0 ? { ...p, jsWithChartsGzip: 70_000, jsWithinBudget: false } : p)) };
    const table = renderConsoleBudgets(over);
    expect(table).toContain(`| ${results.pages[0]!.page} |`);
    expect(table).toContain('**68.4 KB (over)**');
    for (const page of results.pages) expect(table).toContain(`| ${page.page} |`);
  });
});
