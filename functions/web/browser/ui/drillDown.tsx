/**
 * On the queue, the filters a dashboard figure added that the queue's own form does not show
 * (several estates, cause, channel, stage, outcome, receipt period): listed in words, with a link
 * that drops them, so a person always sees why the list is narrower than usual.
 */
import { formatDateTime, formatList, language, t } from '../i18n';
import type { ConsoleEstate } from '../pageData';
import { href } from '../router';
import { buildingName, type CaseFilters, DRILL_DOWN_FILTERS, estateName } from './caseList';

export function DrillDownNotice({ filters, estates, keep }: { filters: CaseFilters; estates: readonly ConsoleEstate[]; keep: Record<string, string | undefined> }) {
  const present = DRILL_DOWN_FILTERS.filter((name) => filters[name]);
  if (present.length === 0) return null;
  const valueText = (name: (typeof DRILL_DOWN_FILTERS)[number], value: string): string => {
    switch (name) {
      case 'estates':
        return formatList(value.split(',').map((id) => estateName(estates, id)));
      case 'category':
        return t(`categories.${value as 'staff-attitude'}`);
      case 'channel':
        return t(`channels.${value as 'web'}`);
      case 'outcome':
        return t(`outcomes.${value as 'upheld'}`);
      case 'department':
        return estates.flatMap((e) => e.departments).find((d) => d.departmentId === value)?.names[language.get()] ?? value;
      case 'building':
        return buildingName(estates, filters.estateId ?? '', value);
      case 'receivedFrom':
      case 'receivedTo':
        return formatDateTime(value);
      default:
        return value;
    }
  };
  const described = present.map((name) => `${name === 'building' ? t('console.buildings.drillDownName') : t(`console.dashboard.drillDownNames.${name}`)} ${valueText(name, filters[name]!)}`);
  const without = Object.fromEntries(Object.entries(keep).filter(([name]) => !(DRILL_DOWN_FILTERS as readonly string[]).includes(name)));
  return (
    <p class="message" data-drill-down>
      {t('console.dashboard.drillDown', { filters: formatList(described) })}{' '}
      <a href={href({ view: 'queue', ...without })}>{t('console.dashboard.drillDownClear')}</a>
    </p>
  );
}
