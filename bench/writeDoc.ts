/**
 * `npm run bench:doc`: regenerates docs/BENCHMARKS.md's figures from the committed results files (bench/results/),
 * and docs/CONSOLE.md's budgets table from bench/console-results.json, running nothing.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeConsoleDoc } from './consoleDoc';
import { writeDoc } from './report';
import { latestSections } from './results';

const sources = latestSections();
const path = join(fileURLToPath(new URL('../', import.meta.url)), 'docs', 'BENCHMARKS.md');
writeDoc(path, sources);
for (const [section, source] of Object.entries(sources)) console.log(`${section}: ${source.file}`);
const root = fileURLToPath(new URL('../', import.meta.url));
writeConsoleDoc(join(root, 'docs', 'CONSOLE.md'), join(root, 'bench', 'console-results.json'));
console.log('console budgets: bench/console-results.json');
