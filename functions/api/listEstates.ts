/** `GET /api/v1/estates` — the estates a resident can choose, with names in each language. */
import { isEstateActive, publicEstateView } from '../domain/estate';
import { getCaseStore } from '../platform/clients';
import { httpEndpoint, json } from '../platform/http';

export const handler = httpEndpoint('listEstates', async () => {
  const estates = await getCaseStore().listEstates();
  return json(200, { estates: estates.filter(isEstateActive).map(publicEstateView).sort((a, b) => a.estateId.localeCompare(b.estateId)) }, { 'cache-control': 'public, max-age=60' });
});
