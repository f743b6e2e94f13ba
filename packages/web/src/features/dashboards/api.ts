// The analytics API as the dashboard pages use it. Shapes mirror
// packages/server/src/modules/analytics (money in integer minor units, ratios as fractions).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

const BASE = '/api/v1/analytics';
export const DASHBOARDS_KEY = ['dashboards'] as const;

export interface Filters {
  currency?: string;
  schoolId?: string;
  productCode?: string;
  segment?: string;
}

interface Trend {
  month: string;
}
export interface Dashboard {
  currency: string;
  currencies: string[];
  businessDate: string;
  asOf: string | null;
  refreshedAt: string | null;
  choices: { schools: { id: string; name: string; nameLocal: string | null }[]; products: string[]; segments: string[] };
  originations: { month: string | null; loans: number; disbursed: number; trend: (Trend & { loans: number; disbursed: number })[] };
  portfolio: { loans: number; balance: number; yield: number; trend: (Trend & { balance: number; yield: number })[] };
  par30: { loans: number; balanceAtRisk: number; balance: number; countOfBook: number; ratio: number; countRatio: number; trend: (Trend & { ratio: number })[] };
  defaults: { loans: number; balance: number; ratio: number; trend: (Trend & { ratio: number })[]; cohorts: { fiscalYear: number; entered: number; defaulted: number; rate: number }[] };
  csat: { n: number; score: number | null; trend: (Trend & { score: number | null })[] };
  nps: { n: number; score: number | null; trend: (Trend & { score: number | null })[] };
  sla: { resolved: number; attainment: number | null; trend: (Trend & { attainment: number })[] };
  acquisitionCost: { connected: boolean; perCustomer: number | null; trend: (Trend & { perCustomer: number | null })[] };
  lifetimeValue: { total: number; perLoan: number; trend: (Trend & { perLoan: number })[] };
  staffRatings: { agent: string; ratings: number; average: number; resolved: number }[];
}

export interface DrillPage {
  metric: string;
  currency: string;
  items: { loanId: string; loanNumber: string; productCode: string; state: string; bucket: string; daysPastDue: number; principal: number; school: string | null }[];
  next: string | null;
}

const clean = (f: Filters) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== ''));

export function useDashboard(f: Filters) {
  return useQuery({
    queryKey: [...DASHBOARDS_KEY, 'dashboard', f],
    queryFn: ({ signal }) => api.get<Dashboard>(`${BASE}/dashboard`, { query: clean(f), signal }),
  });
}

export function useDrill(f: Filters & { metric: string; month?: string; after?: string }) {
  return useQuery({
    queryKey: [...DASHBOARDS_KEY, 'drill', f],
    queryFn: ({ signal }) => api.get<DrillPage>(`${BASE}/dashboard/drill`, { query: clean(f), signal }),
  });
}

export interface MarketShareRow {
  schoolId: string;
  school: string;
  schoolLocal: string | null;
  academicYear: number;
  borrowers: number;
  enrolled: number | null;
  share: number | null;
  source: string | null;
}
export const useMarketShare = () =>
  useQuery({
    queryKey: [...DASHBOARDS_KEY, 'market-share'],
    queryFn: ({ signal }) => api.get<{ items: MarketShareRow[] }>(`${BASE}/market-share`, { signal }),
  });

export const useChurn = () =>
  useQuery({
    queryKey: [...DASHBOARDS_KEY, 'churn'],
    queryFn: ({ signal }) =>
      api.get<{ asOf: string; counts: Record<string, number>; items: { customerId: string; name: string; status: string; reason: string | null }[] }>(
        `${BASE}/churn`,
        { query: { limit: 200 }, signal },
      ),
  });

export const useRepeat = () =>
  useQuery({
    queryKey: [...DASHBOARDS_KEY, 'repeat'],
    queryFn: ({ signal }) =>
      api.get<{ currency: string; customers: number; repeaters: number; rate: number; undergraduates: number; graduateAfterUndergraduate: number; graduateRate: number }>(
        `${BASE}/repeat-borrowing`,
        { signal },
      ),
  });

export const useNpsBySegment = () =>
  useQuery({
    queryKey: [...DASHBOARDS_KEY, 'nps-segment'],
    queryFn: ({ signal }) =>
      api.get<{ segments: { segment: string; responses: number; nps: number | null; csat: number | null }[] }>(`${BASE}/nps-by-segment`, { signal }),
  });

export const useClv = () =>
  useQuery({
    queryKey: [...DASHBOARDS_KEY, 'clv'],
    queryFn: ({ signal }) =>
      api.get<{ asOf: string; total: number; items: { loanId: string; loanNumber: string; currency: string; principal: number; interest: number; costToServe: number; expectedLoss: number; value: number }[] }>(
        `${BASE}/lifetime-value`,
        { query: { limit: 50 }, signal },
      ),
  });
