// The dashboard's sections for consumer grievances: credit-reporting disputes against their
// 30-day clocks, and the service desk's complaints against their regulatory deadlines.
import type { Deps } from '../../deps.ts';
import { complaintRegister } from '../service-desk/index.ts';
import type { DashboardSection } from './dashboard.ts';
import { AT_RISK_DAYS, disputeCounts, disputesAtRisk } from './disputes.service.ts';

export async function disputesSection(deps: Deps, now: Date): Promise<DashboardSection> {
  const c = await disputeCounts(deps, now);
  const risky = await disputesAtRisk(deps, now);
  return {
    key: 'disputes',
    title: { en: 'Credit-reporting disputes', zh: '征信异议' },
    figures: [
      { key: 'open', label: { en: 'Open disputes', zh: '处理中的异议' }, value: c.open, tone: 'neutral', href: '/compliance/disputes' },
      {
        key: 'atRisk',
        label: { en: `Due within ${AT_RISK_DAYS} days`, zh: `${AT_RISK_DAYS} 天内到期` },
        value: c.atRisk,
        tone: c.atRisk > 0 ? 'warn' : 'ok',
        href: '/compliance/disputes?atRisk=true',
      },
      {
        key: 'overdue',
        label: { en: 'Past the 30-day deadline', zh: '超过 30 天期限' },
        value: c.overdue,
        tone: c.overdue > 0 ? 'bad' : 'ok',
        href: '/compliance/disputes?atRisk=true',
      },
      {
        key: 'awaitingFurnishing',
        label: { en: 'Outcomes awaiting the next file', zh: '待下期报送的处理结果' },
        value: c.awaitingFurnishing,
        tone: 'neutral',
        href: '/compliance/furnishing',
      },
    ],
    atRisk: risky.map((d) => ({
      id: d.id,
      kind: 'dispute',
      title: `${d.reference} · ${d.loanNumber}`,
      dueAt: d.dueAt,
      overdue: d.overdue,
      href: `/compliance/disputes/${d.id}`,
    })),
  };
}

export async function complaintsSection(deps: Deps, now: Date): Promise<DashboardSection> {
  const rows = (await complaintRegister(deps, {})).filter((r) => r.resolvedOn === null);
  const today = now.toISOString().slice(0, 10);
  const soon = new Date(now.getTime() + AT_RISK_DAYS * 86_400_000).toISOString().slice(0, 10);
  const overdue = rows.filter((r) => r.regulatoryDueDate < today);
  const risky = rows.filter((r) => r.regulatoryDueDate <= soon);
  return {
    key: 'complaints',
    title: { en: 'Complaints', zh: '投诉' },
    figures: [
      { key: 'open', label: { en: 'Open complaints', zh: '未办结投诉' }, value: rows.length, tone: 'neutral', href: '/desk/complaints' },
      {
        key: 'overdue',
        label: { en: 'Past the regulatory deadline', zh: '超过监管时限' },
        value: overdue.length,
        tone: overdue.length > 0 ? 'bad' : 'ok',
        href: '/desk/complaints',
      },
    ],
    atRisk: risky.map((r) => ({
      id: r.ticketId,
      kind: 'complaint',
      title: `${r.reference} · ${r.subject}`,
      // The regulator's deadline is the end of its due day.
      dueAt: `${r.regulatoryDueDate}T23:59:59.000Z`,
      overdue: r.regulatoryDueDate < today,
      href: `/desk/tickets/${r.ticketId}`,
    })),
  };
}
