// Early-warning signals as data: each rule names a signal kind, its parameters, the alert's
// severity, how many business days the owner has to act, and the playbook that answers it.
// The server gathers one set of facts per loan (set-based SQL) and asks `signalFires`.
import { z } from 'zod';

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

export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** How an alert was closed: what the owner did and what came of it. */
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

/** What a playbook does: the tasks it opens for the alert's owner. */
export const PLAYBOOK_STEPS = ['contact', 'hardship_offer', 'restructure', 'legal_referral'] as const;
export type PlaybookStep = (typeof PLAYBOOK_STEPS)[number];

export const signalParamsSchema = z.strictObject({
  /** dpd_over: days past due at or above which the rule fires. */
  days: z.number().int().min(1).max(3650).optional(),
  /** results_drop: fall of the latest GPA against the previous term, as a share of the scale (0.15 = 15%). */
  drop: z.number().gt(0).max(1).optional(),
  /** graduated_unemployed: months after graduation with no employment reported. */
  months: z.number().int().min(1).max(120).optional(),
  /** contact_lost: bounced or failed messages in a row. */
  bounces: z.number().int().min(1).max(100).optional(),
  /** macro_indicator: the data series code, whether it is keyed by region or by field of study, and the threshold. */
  series: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,80}$/)
    .optional(),
  scope: z.enum(['region', 'field']).optional(),
  above: z.number().finite().optional(),
});
export type SignalParams = z.infer<typeof signalParamsSchema>;

export const alertRuleSchema = z
  .strictObject({
    code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'lower-case letters, digits, dash or underscore'),
    name: z.string().min(1).max(200),
    kind: z.enum(SIGNAL_KINDS),
    params: signalParamsSchema.default({}),
    severity: z.enum(ALERT_SEVERITIES),
    /** Business days the owner has to act (the alert's due date). */
    dueBusinessDays: z.number().int().min(0).max(60),
    /** The playbook's steps, in order; each opens a task. */
    playbook: z.array(z.enum(PLAYBOOK_STEPS)).max(4).default([]),
    /** Who owns the alerts (a staff user); null: the risk queue. */
    ownerId: z.uuid().nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .superRefine((r, ctx) => {
    const need: Partial<Record<SignalKind, (keyof SignalParams)[]>> = {
      dpd_over: ['days'],
      results_drop: ['drop'],
      graduated_unemployed: ['months'],
      contact_lost: ['bounces'],
      macro_indicator: ['series', 'scope', 'above'],
    };
    for (const p of need[r.kind] ?? [])
      if (r.params[p] === undefined)
        ctx.addIssue({ code: 'custom', path: ['params', p], message: `a ${r.kind} rule needs ${p}` });
  });
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** What the server knows about one loan when it evaluates the rules. */
export interface SignalFacts {
  daysPastDue: number;
  /** Missed-payment events ever recorded on the loan. */
  missedPayments: number;
  /** Latest GPA minus the previous term's, as a share of the scale (negative: a drop). */
  resultsTrend: number | null;
  studyStatus: string | null;
  /** Months since graduation with no employment reported; null when not graduated or employed. */
  graduatedUnemployedMonths: number | null;
  /** Bounced or failed messages since the last delivered one. */
  bouncesInRow: number;
  region: string | null;
  field: string | null;
  /** Latest value of each macro series for this loan's region or field: `${series}:${scope}` → value. */
  macro: Readonly<Record<string, number>>;
}

export interface Signal {
  fires: boolean;
  /** Why it fired, in plain words for the work queue. */
  detail: string;
}

const no: Signal = { fires: false, detail: '' };
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

export function signalFires(rule: Pick<AlertRule, 'kind' | 'params'>, f: SignalFacts): Signal {
  const p = rule.params;
  switch (rule.kind) {
    case 'first_missed_payment':
      return f.missedPayments === 1 && f.daysPastDue > 0
        ? { fires: true, detail: `first missed payment, ${f.daysPastDue} days past due` }
        : no;
    case 'dpd_over':
      return f.daysPastDue >= p.days!
        ? { fires: true, detail: `${f.daysPastDue} days past due (threshold ${p.days})` }
        : no;
    case 'results_drop':
      return f.resultsTrend !== null && -f.resultsTrend >= p.drop!
        ? { fires: true, detail: `results fell by ${pct(-f.resultsTrend)} of the scale` }
        : no;
    case 'study_withdrawal':
      return f.studyStatus === 'withdrawn' ? { fires: true, detail: 'withdrew from study' } : no;
    case 'graduated_unemployed':
      return f.graduatedUnemployedMonths !== null && f.graduatedUnemployedMonths >= p.months!
        ? {
            fires: true,
            detail: `graduated ${f.graduatedUnemployedMonths} months ago, no employment reported`,
          }
        : no;
    case 'contact_lost':
      return f.bouncesInRow >= p.bounces!
        ? { fires: true, detail: `${f.bouncesInRow} messages bounced or failed in a row` }
        : no;
    case 'macro_indicator': {
      const key = f[p.scope!];
      const value = f.macro[`${p.series}:${p.scope}`];
      return key !== null && value !== undefined && value > p.above!
        ? { fires: true, detail: `${p.series} for ${key} is ${value} (above ${p.above})` }
        : no;
    }
  }
}

/** The rules a new installation starts with (the lender edits them as data). */
export const DEFAULT_ALERT_RULES: AlertRule[] = [
  {
    code: 'first-missed-payment',
    name: 'First missed payment',
    kind: 'first_missed_payment',
    params: {},
    severity: 'medium',
    dueBusinessDays: 2,
    playbook: ['contact'],
    ownerId: null,
    enabled: true,
  },
  {
    code: 'dpd-30',
    name: '30 days past due',
    kind: 'dpd_over',
    params: { days: 30 },
    severity: 'high',
    dueBusinessDays: 3,
    playbook: ['contact', 'hardship_offer'],
    ownerId: null,
    enabled: true,
  },
  {
    code: 'dpd-90',
    name: '90 days past due',
    kind: 'dpd_over',
    params: { days: 90 },
    severity: 'critical',
    dueBusinessDays: 5,
    playbook: ['contact', 'restructure'],
    ownerId: null,
    enabled: true,
  },
  {
    code: 'results-drop',
    name: 'Results drop',
    kind: 'results_drop',
    params: { drop: 0.15 },
    severity: 'low',
    dueBusinessDays: 10,
    playbook: ['contact'],
    ownerId: null,
    enabled: true,
  },
  {
    code: 'study-withdrawal',
    name: 'Withdrawal from study',
    kind: 'study_withdrawal',
    params: {},
    severity: 'high',
    dueBusinessDays: 3,
    playbook: ['contact', 'hardship_offer'],
    ownerId: null,
    enabled: true,
  },
  {
    code: 'graduated-unemployed',
    name: 'Graduated, no employment after 6 months',
    kind: 'graduated_unemployed',
    params: { months: 6 },
    severity: 'medium',
    dueBusinessDays: 5,
    playbook: ['contact', 'hardship_offer'],
    ownerId: null,
    enabled: true,
  },
  {
    code: 'contact-lost',
    name: 'Contact lost (3 bounces in a row)',
    kind: 'contact_lost',
    params: { bounces: 3 },
    severity: 'medium',
    dueBusinessDays: 5,
    playbook: ['contact'],
    ownerId: null,
    enabled: true,
  },
];

/** Alert quality: how many alerts came before a default, and how many defaults had none. */
export interface AlertQuality {
  alerts: number;
  alertsBeforeDefault: number;
  precision: number | null;
  defaults: number;
  defaultsWithoutAlert: number;
  missRate: number | null;
}

export function alertQuality(
  alerts: readonly { loanId: string; raisedOn: string }[],
  defaults: readonly { loanId: string; defaultedOn: string }[],
): AlertQuality {
  const firstDefault = new Map<string, string>();
  for (const d of defaults) {
    const prev = firstDefault.get(d.loanId);
    if (!prev || d.defaultedOn < prev) firstDefault.set(d.loanId, d.defaultedOn);
  }
  const earliestAlert = new Map<string, string>();
  let before = 0;
  for (const a of alerts) {
    const d = firstDefault.get(a.loanId);
    if (d !== undefined && a.raisedOn <= d) before++;
    const prev = earliestAlert.get(a.loanId);
    if (!prev || a.raisedOn < prev) earliestAlert.set(a.loanId, a.raisedOn);
  }
  let missed = 0;
  for (const [loanId, on] of firstDefault) {
    const a = earliestAlert.get(loanId);
    if (a === undefined || a > on) missed++;
  }
  return {
    alerts: alerts.length,
    alertsBeforeDefault: before,
    precision: alerts.length ? before / alerts.length : null,
    defaults: firstDefault.size,
    defaultsWithoutAlert: missed,
    missRate: firstDefault.size ? missed / firstDefault.size : null,
  };
}
