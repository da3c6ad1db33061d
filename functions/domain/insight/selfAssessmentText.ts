/**
 * The self-assessments in words, in the reader's language (message block `selfAssessment`): shared by the
 * XLSX download (functions/api/selfAssessment.ts) and the console page, so both say the same thing.
 * No Node or DOM APIs.
 */
import type { MessageKey, Translate } from '../../messages/lookup';
import type { AssessmentItem, Evidence, Gap, SelfAssessment } from './selfAssessment';

export type Standard = 'housingOmbudsman' | 'iso10002';

/** Message key of an item: `§3` → `s3`, Code provision `6.2` → `p6_2`, ISO clause `7.2` → `c7_2`. */
export function itemLabel(standard: Standard, id: string, t: Translate): string {
  const key = id.startsWith('§') ? `s${id.slice(1)}` : `${standard === 'iso10002' ? 'c' : 'p'}${id.replace('.', '_')}`;
  return t(`selfAssessment.items.${key}` as MessageKey);
}

/** A measure's name; `channel.web`, `severity.serious`, `category.<k>`, `outcome.<o>` name a value of the shared vocabulary. */
export function measureLabel(measure: string, t: Translate): string {
  const dot = measure.indexOf('.');
  if (dot < 0) return t(`selfAssessment.measures.${measure}` as MessageKey);
  const kind = measure.slice(0, dot);
  const value = measure.slice(dot + 1);
  const vocabulary: Record<string, string> = { channel: 'channels', severity: 'severities', category: 'categories', outcome: 'outcomes' };
  const word = value === 'untriaged' ? t('selfAssessment.measures.untriaged') : t(`${vocabulary[kind]}.${value}` as MessageKey);
  return t(`selfAssessment.measures.${kind}` as MessageKey, { value: word });
}

export function figureText(evidence: Evidence, t: Translate, locale: string): string {
  if (evidence.value === null) {
    return evidence.unit === 'share' && evidence.denominator === 0 ? `${t('selfAssessment.notAvailable')} (0)` : t('selfAssessment.notAvailable');
  }
  const number = (n: number, digits = 2) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  switch (evidence.unit) {
    case 'share':
      return `${new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(evidence.value)} (${t('selfAssessment.ofTotal', { numerator: number(evidence.numerator ?? 0), denominator: number(evidence.denominator ?? 0) })})`;
    case 'workingDays':
      return t('selfAssessment.workingDays', { value: number(evidence.value) });
    case 'perThousandHomes':
      return t('selfAssessment.perThousand', { value: number(evidence.value) });
    case 'count':
      return number(evidence.value, 0);
  }
}

export const gapText = (gap: Gap, t: Translate) => t(`selfAssessment.gaps.${gap.gap}` as MessageKey, gap.count === undefined ? undefined : { count: gap.count });
export const controlText = (control: string, t: Translate) => t(`selfAssessment.controls.${control}` as MessageKey);

export type Cell = string | number | null;

/**
 * One standard as a table for a spreadsheet: one row per figure, the item's requirement, gaps and controls on
 * its first row, and the columns a person fills in (comply, commentary) left empty; a statement item says so.
 */
export function assessmentRows(standard: Standard, items: AssessmentItem[], t: Translate, locale: string): Cell[][] {
  const rows: Cell[][] = [[
    t(standard === 'iso10002' ? 'selfAssessment.clause' : 'selfAssessment.provision'), t('selfAssessment.evidence'), t('selfAssessment.figure'),
    t('selfAssessment.gapsFound'), t('selfAssessment.controlsHeading'), t('selfAssessment.comply'), t('selfAssessment.commentary'),
  ]];
  for (const item of items) {
    const label = itemLabel(standard, item.id, t);
    const gaps = item.kind === 'statement' ? null : item.gaps.length === 0 ? t('selfAssessment.noGap') : item.gaps.map((g) => gapText(g, t)).join('\n');
    const controls = item.controls.length === 0 ? null : item.controls.map((c) => controlText(c, t)).join('\n');
    if (item.kind === 'statement' || item.evidence.length === 0) {
      rows.push([label, item.kind === 'statement' ? t('selfAssessment.toComplete') : null, null, gaps, controls, null, null]);
      continue;
    }
    item.evidence.forEach((evidence, i) => {
      rows.push(i === 0 ? [label, measureLabel(evidence.measure, t), figureText(evidence, t, locale), gaps, controls, null, null] : [null, measureLabel(evidence.measure, t), figureText(evidence, t, locale), null, null, null, null]);
    });
  }
  return rows;
}

/** The workbook's sheets: a summary (period, estates, the estates' deadline policies), the Code, ISO 10002. */
export function selfAssessmentTables(
  document: SelfAssessment & { period: { from: string; to: string }; estateIds: string[]; scope: 'group' | 'estates'; generatedAt: string },
  t: Translate,
  locale: string,
): { title: string; rows: Cell[][] }[] {
  const policyRows: Cell[][] = [[t('selfAssessment.policy'), t('selfAssessment.policyEstates'), t('selfAssessment.stage', { stage: '' }).trim(), t('selfAssessment.acknowledge'), t('selfAssessment.respond'), t('selfAssessment.maxExtension')]];
  for (const policy of document.policies) {
    for (const stage of policy.stages) {
      policyRows.push([`${policy.title} (${policy.policyId})`, policy.estates, t('selfAssessment.stage', { stage: stage.stage }), stage.acknowledgeWithinWorkingDays ?? t('selfAssessment.none'), stage.respondWithinWorkingDays, stage.maxExtensionWorkingDays ?? t('selfAssessment.none')]);
    }
  }
  return [
    {
      title: t('selfAssessment.summary'),
      rows: [
        [t('selfAssessment.title')],
        [t('selfAssessment.period'), `${document.period.from} – ${document.period.to}`],
        [t('selfAssessment.estates'), document.scope === 'group' ? t('selfAssessment.allEstates') : document.estateIds.join(', ')],
        [t('selfAssessment.generated'), document.generatedAt],
        [],
        [t('selfAssessment.policies')],
        ...policyRows,
      ],
    },
    { title: t('selfAssessment.sheetCode'), rows: assessmentRows('housingOmbudsman', document.housingOmbudsman, t, locale) },
    { title: t('selfAssessment.sheetIso'), rows: assessmentRows('iso10002', document.iso10002, t, locale) },
  ];
}
