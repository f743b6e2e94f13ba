// The KYC / AML section of the compliance dashboard: screening hits awaiting review (and how old
// the oldest is), open suspicious-activity cases against their filing deadlines, and changed
// disbursement accounts still in their cooling-off period.
import type { Deps } from '../../deps.ts';
import type { DashboardSection } from './dashboard.ts';
import * as repo from './kyc.repository.ts';

const HOUR_MS = 3_600_000;
/** Filing deadlines this close count as at risk. */
const AT_RISK_DAYS = 7;

export async function kycAmlDashboardSection(deps: Deps, now: Date): Promise<DashboardSection> {
  const db = deps.database.db;
  const hits = await repo.pendingHitFigures(db);
  const oldestHours = hits.oldest ? Math.floor((now.getTime() - new Date(hits.oldest).getTime()) / HOUR_MS) : 0;
  const cases = await repo.openSarCases(db);
  const overdue = cases.filter((c) => c.filingDueAt < now).length;
  const cooling = await repo.coolingOffCount(db, now);
  return {
    key: 'kyc-aml',
    title: { en: 'Screening and AML', zh: '名单筛查与反洗钱' },
    figures: [
      {
        key: 'hits-pending',
        label: { en: 'Screening hits awaiting review', zh: '待复核的筛查命中' },
        value: hits.count,
        tone: hits.count > 0 ? (oldestHours >= 24 ? 'bad' : 'warn') : 'ok',
        href: '/screening/hits',
      },
      {
        key: 'hits-oldest-hours',
        label: { en: 'Oldest unreviewed hit (hours)', zh: '最早未复核命中（小时）' },
        value: oldestHours,
        tone: oldestHours >= 24 ? 'bad' : oldestHours > 0 ? 'warn' : 'ok',
        href: '/screening/hits',
      },
      {
        key: 'sar-open',
        label: { en: 'Open suspicious-activity cases', zh: '未结可疑交易案件' },
        value: cases.length,
        tone: overdue > 0 ? 'bad' : cases.length > 0 ? 'warn' : 'ok',
        href: '/screening/cases',
      },
      {
        key: 'payee-cooling-off',
        label: { en: 'Account changes in cooling-off', zh: '冷静期内的收款账户变更' },
        value: cooling,
        tone: 'neutral',
        href: '/screening/payee-changes',
      },
    ],
    atRisk: cases
      .filter((c) => c.filingDueAt.getTime() - now.getTime() <= AT_RISK_DAYS * 24 * HOUR_MS)
      .map((c) => ({
        id: c.id,
        kind: 'sar-filing',
        title: `${c.reference} · ${c.typology.replace(/_/g, ' ')}`,
        dueAt: c.filingDueAt.toISOString(),
        overdue: c.filingDueAt < now,
        href: `/screening/cases/${c.id}`,
      })),
  };
}
