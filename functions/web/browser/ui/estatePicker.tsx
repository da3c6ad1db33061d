/** The estate a page shows, for a person who serves more than one (nothing to choose otherwise). */
import type { ConsoleEstate } from '../pageData';
import { t } from '../i18n';
import { estateName } from './caseList';

export function EstatePicker({ served, estates, value, onChange }: { served: readonly ConsoleEstate[]; estates: readonly ConsoleEstate[]; value: string; onChange: (estateId: string) => void }) {
  if (served.length <= 1) return null;
  return (
    <label>
      {t('console.logComplaint.estate')}{' '}
      <select value={value} onChange={(event) => onChange((event.target as HTMLSelectElement).value)}>
        {served.map((e) => (
          <option value={e.estateId} key={e.estateId}>
            {estateName(estates, e.estateId)}
          </option>
        ))}
      </select>
    </label>
  );
}
