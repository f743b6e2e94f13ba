// Behavioural grades and early warning as the web app uses them. Shapes mirror
// packages/server/src/modules/risk/early-warning.schema.ts.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { RISK_KEY } from './api.ts';

export const ALERT_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const PLAYBOOK_STEPS = ['contact', 'hardship_offer', 'restructure', 'legal_referral'] as const;
export type PlaybookStep = (typeof PLAYBOOK_STEPS)[number];
export const ALERT_OUTCOMES = [
  'contacted_resolved',
  'promise_to_pay',
  'hardship_granted',
  'restructured',
  'referred_legal',
  'false_alarm',
  'defaulted',
  'no_contact',
] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];
export const SIGNAL_KINDS = [
  'first_missed_payment',
  'dpd_over',
  'results_drop',
  'study_withdrawal',
  'graduated_unemployed',
  'contact_lost',
  'macro_indicator',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];
/** The parameter each signal kind needs (the rule form shows only those). */
export const KIND_PARAMS: Record<
  SignalKind,
  ('days' | 'drop' | 'months' | 'bounces' | 'series' | 'scope' | 'above')[]
> = {
  first_missed_payment: [],
  dpd_over: ['days'],
  results_drop: ['drop'],
  study_withdrawal: [],
  graduated_unemployed: ['months'],
  contact_lost: ['bounces'],
  macro_indicator: ['series', 'scope', 'above'],
};

export interface GradeMigration {
  grades: string[];
  counts: number[][];
  entered: number[];
  exited: number[];
  upgraded: number;
  downgraded: number;
  stable: number;
}

export interface GradeDashboard {
  months: { month: string; reviewDate: string; loans: number; runAt: string }[];
  month: string | null;
  previousMonth: string | null;
  distribution: { grade: string; loans: number }[];
  migration: GradeMigration | null;
}

export interface AlertRule {
  code: string;
  name: string;
  kind: SignalKind;
  params: Record<string, unknown>;
  severity: AlertSeverity;
  dueBusinessDays: number;
  playbook: PlaybookStep[];
  ownerId: string | null;
  enabled: boolean;
}

export interface AlertItem {
  id: string;
  ruleCode: string;
  kind: SignalKind;
  loanId: string;
  loanNumber: string;
  customerId: string;
  severity: AlertSeverity;
  ownerId: string | null;
  status: 'open' | 'closed';
  detail: string;
  raisedOn: string;
  dueDate: string;
  lastSeenOn: string;
  overdue: boolean;
  outcome: AlertOutcome | null;
  outcomeNote: string | null;
  closedAt: string | null;
  closedBy: string | null;
  tasks: number;
}

export interface AlertDetail extends AlertItem {
  playbook: {
    step: PlaybookStep;
    taskId: string;
    title: string;
    dueDate: string | null;
    status: string;
    assigneeId: string | null;
  }[];
}

export interface AlertFilter {
  status: 'open' | 'closed' | '';
  severity: AlertSeverity[];
  owner: 'me' | 'none' | '';
  overdue: boolean;
  offset: number;
}

export const GRADES_KEY = [...RISK_KEY, 'grades'] as const;
export const ALERTS_KEY = [...RISK_KEY, 'alerts'] as const;
export const RULES_KEY = [...RISK_KEY, 'alert-rules'] as const;
const BASE = '/api/v1/risk';
export const PAGE = 50;

export function useGradeDashboard(month: string | null) {
  return useQuery({
    queryKey: [...GRADES_KEY, month],
    queryFn: ({ signal }) =>
      api.get<GradeDashboard>(`${BASE}/behaviour/grades`, { query: month ? { month } : {}, signal }),
  });
}

export function runReview(month: string) {
  return api.post<{ month: string; loans: number }>(`${BASE}/behaviour/reviews`, { month });
}

export function useAlerts(f: AlertFilter) {
  return useQuery({
    queryKey: [...ALERTS_KEY, f],
    queryFn: ({ signal }) =>
      api.get<{ items: AlertItem[]; total: number }>(`${BASE}/alerts`, {
        query: {
          ...(f.status ? { status: f.status } : {}),
          ...(f.severity.length ? { severity: f.severity.join(',') } : {}),
          ...(f.owner ? { owner: f.owner } : {}),
          ...(f.overdue ? { overdue: 'true' } : {}),
          limit: PAGE,
          offset: f.offset,
        },
        signal,
      }),
  });
}

export function useAlert(id: string) {
  return useQuery({
    queryKey: [...ALERTS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<AlertDetail>(`${BASE}/alerts/${encodeURIComponent(id)}`, { signal }),
  });
}

export const alertAction = {
  close: (id: string, outcome: AlertOutcome, note: string) =>
    api.post<AlertDetail>(`${BASE}/alerts/${id}/close`, {
      outcome,
      ...(note.trim() ? { note: note.trim() } : {}),
    }),
  assign: (id: string, ownerId: string | null) =>
    api.post<AlertDetail>(`${BASE}/alerts/${id}/assign`, { ownerId }),
  step: (id: string, step: PlaybookStep) => api.post<AlertDetail>(`${BASE}/alerts/${id}/steps`, { step }),
};

export function useAlertRules() {
  return useQuery({
    queryKey: RULES_KEY,
    queryFn: ({ signal }) => api.get<{ items: AlertRule[] }>(`${BASE}/alert-rules`, { signal }),
    select: (d) => d.items,
  });
}

export function saveRule(rule: AlertRule) {
  const { code, ...body } = rule;
  return api.put<AlertRule>(`${BASE}/alert-rules/${encodeURIComponent(code)}`, body);
}

export function evaluateAlerts() {
  return api.post<{ businessDate: string; loans: number; firing: number; raised: number }>(
    `${BASE}/alerts/evaluate`,
    {},
  );
}
