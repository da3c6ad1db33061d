/**
 * The dashboard API's response for the filters in the page's address, fetched again whenever they change:
 * shared by the dashboard and performance pages, which read the same figures (`GET /api/v1/dashboard`).
 */
import { useEffect, useState } from 'preact/hooks';
import { SignedOutError } from '../api';
import { type DashboardFilters, type DashboardResponse, dashboardFiltersFrom, fetchDashboard } from './insight';

export type DashboardLoad = { kind: 'loading' | 'ready' } | { kind: 'failed'; message: string };

export function useDashboard(params: URLSearchParams): { filters: DashboardFilters; dashboard: DashboardResponse | null; state: DashboardLoad } {
  const filters = dashboardFiltersFrom(params);
  const filterKey = JSON.stringify(filters);
  const [dashboard, setDashboard] = useState<DashboardResponse | null>(null);
  const [state, setState] = useState<DashboardLoad>({ kind: 'loading' });

  useEffect(() => {
    // A slower answer to filters the person has since changed must not overwrite the newer one.
    let current = true;
    setState({ kind: 'loading' });
    fetchDashboard(filters)
      .then(({ dashboard: next, error }) => {
        if (!current) return;
        if (next) {
          setDashboard(next);
          setState({ kind: 'ready' });
        } else setState({ kind: 'failed', message: error ?? '' });
      })
      .catch((error: unknown) => {
        if (current && !(error instanceof SignedOutError)) setState({ kind: 'failed', message: String(error) });
      });
    return () => {
      current = false;
    };
  }, [filterKey]);

  return { filters, dashboard, state };
}
