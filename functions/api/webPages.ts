/** Resident web pages: the complaint form (`/`) and the tracking page (`/track/{id}`). */
import { html, httpEndpoint } from '../platform/http';

export const handler = httpEndpoint('webPages', async (event) => {
  if (event.routeKey === 'GET /track/{id}') return html(200, '<!doctype html><title>Track</title><p>Tracking page');
  return html(200, '<!doctype html><title>Complaints</title><p>Complaint form');
});
