/**
 * `npm run admin -- import <estates.csv|estates.xlsx> --api <url>` imports an estate file through the API,
 * as the console does: the administrator's ID token from `--token <jwt>` or ADMIN_TOKEN (locally:
 * `npm run -s token -- admin`). The file is validated whole by the API: on a refusal every problem is
 * printed with its line and column, nothing is written, and the exit code is 1. A 202 (the request's time
 * ran out after some parts) is answered by sending the same file again until the import is complete.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run admin -- import <estates.csv|estates.xlsx> --api <base url> [--token <ID token>]   (or ADMIN_TOKEN)';
const CONTENT_TYPES: Record<string, string> = { '.csv': 'text/csv', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

interface Problem {
  line: number;
  column: string;
  message: string;
}

export async function importEstates(file: string, api: string, token: string, print: (line: string) => void = console.log): Promise<number> {
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!contentType) {
    print(`${file}: the file must end in .csv or .xlsx`);
    return 2;
  }
  const body = readFileSync(file);
  const url = new URL('/api/v1/admin/estates/import', api);
  for (let round = 1; ; round += 1) {
    const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
    const answer = (await response.json().catch(() => ({}))) as Record<string, any>;
    if (response.status === 202) {
      print(`written ${answer.written} of ${answer.created + answer.updated} changed estates; sending the file again (round ${round + 1})`);
      continue;
    }
    if (response.status === 200) {
      print(`imported ${file}: ${answer.estates} estates — ${answer.created} created, ${answer.updated} updated, ${answer.unchanged} unchanged`);
      return 0;
    }
    if (response.status === 422 && Array.isArray(answer.error?.problems)) {
      print(`${file} was not imported; nothing was written. ${answer.error.problemCount} problem(s):`);
      for (const problem of answer.error.problems as Problem[]) print(`  line ${problem.line}, ${problem.column}: ${problem.message}`);
      return 1;
    }
    print(`the API answered ${response.status}: ${answer.error?.message ?? answer.message ?? 'no details'}`);
    return 1;
  }
}

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { api: { type: 'string' }, token: { type: 'string' } } });
  const [command, file] = positionals;
  const token = values.token ?? process.env.ADMIN_TOKEN;
  if (command !== 'import' || !file || !values.api || !token) {
    console.error(USAGE);
    process.exit(2);
  }
  process.exit(await importEstates(file, values.api, token));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''))) void main();
