/**
 * The staff "log a complaint" form as data (pages/logComplaint.tsx): the fields for the estate chosen so far,
 * and the body sent to `POST /api/v1/complaints`. Kept apart from the page so it is unit-tested without a DOM.
 * The building select (docs/BUILDINGS.md) offers the chosen estate's buildings only, and is left out for an estate
 * that lists none; a building chosen before the estate was changed is not sent.
 */
import { LANGUAGES } from '../../../domain/vocabulary';
import { LANGUAGE_NAMES, language, t } from '../i18n';
import type { ConsoleEstate } from '../pageData';
import { estateName } from './caseList';
import type { FieldSpec, Values } from './forms';

export const STAFF_CHANNELS = ['phone', 'in-person', 'letter', 'fax', 'group-referral', 'government-referral'] as const;

export function logComplaintFields(estates: readonly ConsoleEstate[], served: readonly ConsoleEstate[], estateId: string | undefined): FieldSpec[] {
  const buildings = estates.find((e) => e.estateId === estateId)?.buildings ?? [];
  const buildingField: FieldSpec[] =
    buildings.length === 0
      ? []
      : [{ kind: 'select', name: 'buildingId', label: 'console.buildings.optional', hint: 'console.buildings.hint', choices: buildings.map((b) => ({ value: b.buildingId, label: b.names[language.get()] })) }];
  return [
    { kind: 'select', name: 'estateId', label: 'console.logComplaint.estate', required: true, choices: served.map((e) => ({ value: e.estateId, label: estateName(estates, e.estateId) })) },
    ...buildingField,
    { kind: 'select', name: 'channel', label: 'console.logComplaint.channel', required: true, choices: STAFF_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) })) },
    { kind: 'text', name: 'unit', label: 'console.logComplaint.unit', required: true, maxLength: 64 },
    { kind: 'text', name: 'name', label: 'console.logComplaint.name', required: true, maxLength: 100 },
    { kind: 'tel', name: 'phone', label: 'console.logComplaint.phone', maxLength: 24 },
    { kind: 'email', name: 'email', label: 'console.logComplaint.email', maxLength: 254 },
    { kind: 'select', name: 'language', label: 'console.logComplaint.language', required: true, choices: LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })) },
    { kind: 'textarea', name: 'description', label: 'console.logComplaint.description', required: true, minLength: 10, maxLength: 5000 },
    { kind: 'radio', name: 'resolved', label: 'console.logComplaint.resolvedOnTheSpot', choices: [{ value: 'no', label: '—' }, { value: 'yes', label: t('console.logComplaint.resolvedOnTheSpot') }] },
    { kind: 'textarea', name: 'onTheSpotResolution', label: 'console.logComplaint.resolution', required: true, minLength: 10, maxLength: 4000, showWhen: { field: 'resolved', value: 'yes' } },
  ];
}

/**
 * The submission: the fields on the form, trimmed, empty ones left out; the on-the-spot resolution only when
 * resolved; the building only when it is one the form offers for the chosen estate.
 */
export function logComplaintBody(fields: readonly FieldSpec[], values: Values): Record<string, unknown> {
  const { resolved, ...rest } = values;
  const building = fields.find((f) => f.name === 'buildingId');
  const offered = new Set(building && building.kind === 'select' ? building.choices.map((c) => c.value) : []);
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rest)) {
    const trimmed = value.trim();
    if (!trimmed || !fields.some((f) => f.name === name)) continue;
    if (name === 'onTheSpotResolution' && resolved !== 'yes') continue;
    if (name === 'buildingId' && !offered.has(trimmed)) continue;
    body[name] = trimmed;
  }
  return body;
}
