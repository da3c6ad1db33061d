/**
 * Buildings in the staff console (docs/BUILDINGS.md): the "log a complaint" form offers the chosen estate's
 * buildings and sends the one chosen (a body the API's submission schema accepts), none for an estate without
 * buildings, and not a building left over from another estate; the API's refusal of a building is shown on the
 * building field. The case view and the early warnings name a building with its estate in the reader's language.
 */
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { complaintSubmissionSchema } from '../../../functions/domain/complaint';
import { demoEstates } from '../../../infra/local/demoGroup';

describe('buildings in the console', async () => {
  const i18n = await import('../../../functions/web/browser/i18n');
  const { logComplaintBody, logComplaintFields } = await import('../../../functions/web/browser/ui/logComplaintForm');
  const { serverErrors } = await import('../../../functions/web/browser/ui/forms');
  const { buildingName, placeName } = await import('../../../functions/web/browser/ui/caseList');
  await i18n.loadCatalogue('en');
  const estates = demoEstates.map((e) => ({ estateId: e.estateId, names: e.names, jurisdiction: e.jurisdiction, timeZone: e.timeZone, departments: e.departments, ...(e.buildings ? { buildings: e.buildings } : {}) }));
  const withoutBuildings = estates.find((e) => !e.buildings)!;
  const typed = { channel: 'phone', unit: 'Flat 12A', name: 'Chan Tai Man', phone: '+852 9123 4567', language: 'en', description: 'The lift in the tower has stopped twice this week.', resolved: 'no' };

  it('offers the chosen estate’s buildings, optional, right after the estate, in the reader’s language', () => {
    const fields = logComplaintFields(estates, estates, 'EST01');
    expect(fields.map((f) => f.name).slice(0, 3)).toEqual(['estateId', 'buildingId', 'channel']);
    const building = fields[1]!;
    expect(building.kind === 'select' && building.choices).toEqual([
      { value: 'T1', label: 'Tower 1' },
      { value: 'T2', label: 'Tower 2' },
      { value: 'T3', label: 'Tower 3' },
      { value: 'CLUB', label: 'Clubhouse' },
    ]);
    expect(building.required).toBeFalsy();
    // Another estate, other buildings; an estate without buildings, no building field; no estate yet, none either.
    const est02 = logComplaintFields(estates, estates, 'EST02').find((f) => f.name === 'buildingId');
    expect(est02?.kind === 'select' && est02.choices.map((c) => c.value)).toEqual(['A', 'B']);
    expect(logComplaintFields(estates, estates, withoutBuildings.estateId).some((f) => f.name === 'buildingId')).toBe(false);
    expect(logComplaintFields(estates, estates, undefined).some((f) => f.name === 'buildingId')).toBe(false);
  });

  it('sends the building chosen, in a body the submission schema accepts; none when left empty', () => {
    const fields = logComplaintFields(estates, estates, 'EST01');
    const body = logComplaintBody(fields, { ...typed, estateId: 'EST01', buildingId: 'T2' });
    expect(body).toMatchObject({ estateId: 'EST01', buildingId: 'T2', channel: 'phone' });
    expect(body).not.toHaveProperty('resolved');
    expect(z.safeParse(complaintSubmissionSchema, body).success).toBe(true);
    expect(logComplaintBody(fields, { ...typed, estateId: 'EST01', buildingId: '' })).not.toHaveProperty('buildingId');
  });

  it('does not send a building chosen for the estate picked before', () => {
    // T2 chosen under EST01, then the estate changed: the values still hold T2, the form now offers EST02's.
    const values = { ...typed, estateId: 'EST02', buildingId: 'T2' };
    expect(logComplaintBody(logComplaintFields(estates, estates, 'EST02'), values)).not.toHaveProperty('buildingId');
    expect(logComplaintBody(logComplaintFields(estates, estates, withoutBuildings.estateId), { ...values, estateId: withoutBuildings.estateId })).not.toHaveProperty('buildingId');
  });

  it('shows the API’s refusal of the building on the building field', () => {
    const fields = logComplaintFields(estates, estates, 'EST01');
    const errors = serverErrors(fields, { buildingId: 'T9 is not a building of this estate' });
    expect(Object.keys(errors)).toEqual(['buildingId']);
    expect(errors.buildingId).toContain('Building (optional)');
  });

  it('names a building with its estate in the reader’s language, and an unlisted one by its id', async () => {
    expect(placeName(estates, 'EST01', 'T2')).toBe(`Tower 2, ${estates[0]!.names.en}`);
    expect(placeName(estates, 'EST01', undefined)).toBe(estates[0]!.names.en);
    expect(buildingName(estates, 'EST01', 'GONE')).toBe('GONE');
    await i18n.loadCatalogue('zh-Hant');
    i18n.language.set('zh-Hant');
    expect(placeName(estates, 'EST01', 'T2')).toBe(`${estates[0]!.names['zh-Hant']}第二座`);
  });
});
