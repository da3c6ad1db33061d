/**
 * The estate form's buildings editor (docs/BUILDINGS.md): a choice to keep the estate's stored buildings or replace
 * them with rows of id and names in 繁 / 简 / EN (add, rename, remove: the list sent is the whole new list; no rows
 * removes them all). The API's estate definition takes `buildings` absent (kept) or a list; its coded problems
 * (`buildings.1.buildingId`, `buildings` for repeated ids) land on the row field they name.
 */
import { LANGUAGES, type Language } from '../../../../domain/vocabulary';
import { t } from '../../i18n';
import type { FieldSpec, Values } from '../../ui/forms';

export const BUILDINGS_MODE = 'buildingsMode';
const NAME_LABEL = { 'zh-Hant': 'console.adminBuildings.rowName_zhHant', 'zh-Hans': 'console.adminBuildings.rowName_zhHans', en: 'console.adminBuildings.rowName_en' } as const;

/** How many building rows a (draft) form has: one more than the highest row typed in, none when none was. */
export function buildingRowsIn(values: Values | undefined): number {
  const indexes = Object.keys(values ?? {}).map((name) => /^buildings\.(\d+)\./.exec(name)?.[1]).filter((i): i is string => i !== undefined).map(Number);
  return indexes.length === 0 ? 0 : Math.max(...indexes) + 1;
}

export function buildingFields(rows: number): FieldSpec[] {
  const mode: FieldSpec = {
    kind: 'radio',
    name: BUILDINGS_MODE,
    label: 'console.adminBuildings.mode',
    hint: 'console.adminBuildings.modeHint',
    choices: [
      { value: 'keep', label: t('console.adminBuildings.keep') },
      { value: 'replace', label: t('console.adminBuildings.replace') },
    ],
  };
  const shown = { field: BUILDINGS_MODE, value: 'replace' };
  const rowFields = Array.from({ length: rows }, (_, i): FieldSpec[] => [
    { kind: 'text', name: `buildings.${i}.buildingId`, label: 'console.adminBuildings.rowId', labelVars: { n: i + 1 }, ...(i === 0 ? { hint: 'console.adminBuildings.rowIdHint' as const } : {}), required: true, maxLength: 32, showWhen: shown },
    ...LANGUAGES.map((l): FieldSpec => ({ kind: 'text', name: `buildings.${i}.names.${l}`, label: NAME_LABEL[l], labelVars: { n: i + 1 }, required: true, maxLength: 200, showWhen: shown })),
  ]).flat();
  return [mode, ...rowFields];
}

/** The definition's `buildings`: absent to keep the stored list, else the rows (trimmed) as the whole new list. */
export function buildingsBody(values: Values, rows: number): { buildingId: string; names: Record<Language, string> }[] | undefined {
  if (values[BUILDINGS_MODE] !== 'replace') return undefined;
  return Array.from({ length: rows }, (_, i) => ({
    buildingId: (values[`buildings.${i}.buildingId`] ?? '').trim(),
    names: Object.fromEntries(LANGUAGES.map((l) => [l, (values[`buildings.${i}.names.${l}`] ?? '').trim()])) as Record<Language, string>,
  }));
}

/** The form field an API problem path belongs to: `buildings` alone (repeated ids, too many) goes to the choice. */
export const buildingProblemField = (path: string): string | undefined => (path === 'buildings' ? BUILDINGS_MODE : path.startsWith('buildings.') ? path : undefined);
