// The compliance dashboard's sections for the compliance programme: training completion and
// lapsed staff; open review findings against their due dates; fair-lending monitoring (last run,
// open findings); disclosures waiting for the borrower's acknowledgement.
import type { Deps } from '../../deps.ts';
import type { AtRiskItem, DashboardSection } from './dashboard.ts';
import { disclosureLog } from './disclosures.service.ts';
import { listRuns } from './fair-lending.service.ts';
import { listFindings, type FindingView } from './review.service.ts';
import { completionMatrix } from './training.service.ts';

/** Findings due within this many days count as at risk. */
const AT_RISK_DAYS = 14;
const DAY_MS = 86_400_000;

function findingsAtRisk(findings: FindingView[], now: Date, href: string): AtRiskItem[] {
  const horizon = new Date(now.getTime() + AT_RISK_DAYS * DAY_MS).toISOString().slice(0, 10);
  return findings
    .filter((f) => f.dueDate <= horizon)
    .map((f) => ({
      id: f.id,
      kind: `finding.${f.source}`,
      title: `${f.title} (${f.ownerName})`,
      dueAt: `${f.dueDate}T23:59:59.000Z`,
      overdue: f.overdue,
      href,
    }));
}

export async function trainingSection(deps: Deps): Promise<DashboardSection> {
  const m = await completionMatrix(deps);
  return {
    key: 'training',
    title: { en: 'Staff training', zh: '员工培训' },
    figures: [
      {
        key: 'training-completion',
        label: { en: 'Required training current (%)', zh: '必修培训有效率（%）' },
        value: m.completionPercent,
        tone: m.completionPercent >= 95 ? 'ok' : m.completionPercent >= 80 ? 'warn' : 'bad',
        href: '/compliance-programme/training/matrix',
      },
      {
        key: 'training-lapsed',
        label: { en: 'Staff with lapsed training', zh: '培训已过期的员工' },
        value: m.lapsedStaff.length,
        tone: m.lapsedStaff.length ? 'bad' : 'ok',
        href: '/compliance-programme/training/matrix',
      },
    ],
    atRisk: [],
  };
}

export async function reviewSection(deps: Deps, now: Date): Promise<DashboardSection> {
  const open = await listFindings(deps, { source: 'internal_review', open: true });
  const overdue = open.filter((f) => f.overdue).length;
  return {
    key: 'internal-review',
    title: { en: 'Internal review', zh: '内部检查' },
    figures: [
      {
        key: 'review-open',
        label: { en: 'Open review findings', zh: '未关闭的检查发现' },
        value: open.length,
        tone: overdue ? 'bad' : open.length ? 'warn' : 'ok',
        href: '/compliance-programme/findings',
      },
      {
        key: 'review-overdue',
        label: { en: 'Findings past their due date', zh: '已逾期的检查发现' },
        value: overdue,
        tone: overdue ? 'bad' : 'ok',
        href: '/compliance-programme/findings',
      },
    ],
    atRisk: findingsAtRisk(open, now, '/compliance-programme/findings'),
  };
}

export async function fairLendingSection(deps: Deps, now: Date): Promise<DashboardSection> {
  const [last] = await listRuns(deps);
  const open = await listFindings(deps, { source: 'fair_lending', open: true });
  const ageDays = last ? Math.floor((now.getTime() - new Date(last.createdAt).getTime()) / DAY_MS) : -1;
  return {
    key: 'fair-lending',
    title: { en: 'Fair lending', zh: '公平借贷' },
    figures: [
      {
        key: 'fair-lending-last-run',
        label: { en: 'Days since the last monitoring run', zh: '距上次监测天数' },
        value: ageDays,
        tone: ageDays < 0 || ageDays > 35 ? 'bad' : ageDays > 8 ? 'warn' : 'ok',
        href: '/compliance-programme/fair-lending',
      },
      {
        key: 'fair-lending-flags',
        label: { en: 'Adverse-impact flags in the last run', zh: '最近一次监测的不利影响标记' },
        value: last?.flagged ?? 0,
        tone: last?.flagged ? 'bad' : 'ok',
        href: '/compliance-programme/fair-lending',
      },
      {
        key: 'fair-lending-open',
        label: { en: 'Open fair-lending findings', zh: '未关闭的公平借贷发现' },
        value: open.length,
        tone: open.some((f) => f.overdue) ? 'bad' : open.length ? 'warn' : 'ok',
        href: '/compliance-programme/findings',
      },
    ],
    atRisk: findingsAtRisk(open, now, '/compliance-programme/findings'),
  };
}

export async function disclosuresSection(deps: Deps): Promise<DashboardSection> {
  const pending = await disclosureLog(deps, true);
  const loanStages = pending.filter((p) => p.stage !== 'privacy').length;
  return {
    key: 'disclosures',
    title: { en: 'Disclosures', zh: '信息披露' },
    figures: [
      {
        key: 'disclosures-pending',
        label: { en: 'Loan disclosures awaiting acknowledgement', zh: '待借款人确认的贷款披露' },
        value: loanStages,
        tone: loanStages ? 'warn' : 'ok',
        href: '/compliance-programme/disclosures',
      },
      {
        key: 'privacy-pending',
        label: { en: 'Privacy notices not yet acknowledged', zh: '尚未确认的隐私通知' },
        value: pending.length - loanStages,
        tone: 'neutral',
        href: '/compliance-programme/disclosures',
      },
    ],
    atRisk: [],
  };
}
