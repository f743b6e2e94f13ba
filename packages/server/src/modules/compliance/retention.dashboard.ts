// The data-protection and regulator-reporting sections of the compliance dashboard: the last
// retention run (records anonymised, failures), open data-subject requests against their
// statutory deadlines (at risk within five days), and the last run of each regulator report.
import { addDays } from '@bursar/core';
import type { Deps } from '../../deps.ts';
import type { DashboardSection } from './dashboard.ts';
import { lenderToday } from './dsr.service.ts';
import * as repo from './retention.repository.ts';

const AT_RISK_DAYS = 5;

/** The end of the due day in the lender's time zone. */
function endOfDay(deps: Deps, day: string): Date {
  return new Date(
    Date.parse(`${day}T00:00:00Z`) + 86_400_000 - deps.config.cobUtcOffsetHours * 3_600_000 - 1,
  );
}

export async function dataProtectionDashboardSection(deps: Deps): Promise<DashboardSection> {
  const db = deps.database.db;
  const [last] = await repo.listRuns(db, 1);
  const totals = Object.values(last?.counts ?? {}).reduce(
    (a, c) => ({ anonymised: a.anonymised + c.anonymised + c.deleted, held: a.held + c.held }),
    { anonymised: 0, held: 0 },
  );
  const failures = last?.errors.length ?? 0;
  const today = lenderToday(deps);
  const atRisk = await repo.openDsrsDueBy(db, addDays(today, AT_RISK_DAYS));
  const open = await repo.countDsrs(db, 'open');
  const overdue = atRisk.filter((d) => d.dueOn < today).length;
  return {
    key: 'data-protection',
    title: { en: 'Data protection', zh: '个人信息保护' },
    figures: [
      {
        key: 'retention-last-run',
        label: {
          en: last ? `Last retention run (${last.asOf}, ${last.status})` : 'Retention runs',
          zh: last
            ? `最近一次留存作业（${last.asOf}，${last.status === 'completed' ? '已完成' : '未完成'}）`
            : '留存作业',
        },
        value: last ? 1 : 0,
        tone: !last ? 'warn' : last.status === 'completed' ? 'ok' : 'warn',
        href: '/data-governance/runs',
      },
      {
        key: 'retention-anonymised',
        label: { en: 'Records anonymised or deleted (last run)', zh: '最近一次作业匿名化或删除的记录' },
        value: totals.anonymised,
        tone: 'neutral',
        href: last ? `/data-governance/runs/${last.id}` : '/data-governance/runs',
      },
      {
        key: 'retention-failures',
        label: { en: 'Retention failures (last run)', zh: '最近一次作业失败数' },
        value: failures,
        tone: failures > 0 ? 'bad' : 'ok',
        href: last ? `/data-governance/runs/${last.id}` : '/data-governance/runs',
      },
      {
        key: 'dsr-open',
        label: { en: 'Open data-subject requests', zh: '未结个人信息权利请求' },
        value: open,
        tone: overdue > 0 ? 'bad' : atRisk.length > 0 ? 'warn' : 'ok',
        href: '/data-governance/dsrs',
      },
    ],
    atRisk: atRisk.map((d) => ({
      id: d.id,
      kind: 'dsr',
      title: `${d.reference} · ${d.kind} (${d.regime})`,
      dueAt: endOfDay(deps, d.dueOn).toISOString(),
      overdue: d.dueOn < today,
      href: `/data-governance/dsrs/${d.id}`,
    })),
  };
}

const REPORT_NAMES = {
  east: { en: 'EAST tables', zh: 'EAST 数据表' },
  nslds: { en: 'NSLDS loan-level', zh: 'NSLDS 逐笔贷款' },
  complaints: { en: 'Complaint register', zh: '投诉登记簿' },
} as const;

export async function regulatorReportingDashboardSection(deps: Deps): Promise<DashboardSection> {
  const runs = await repo.listReportRuns(deps.database.db, 200);
  const latest = new Map<string, repo.ReportRunRow>();
  for (const r of runs) if (!latest.has(r.report)) latest.set(r.report, r);
  const rejected = [...latest.values()].filter((r) => r.status === 'rejected').length;
  return {
    key: 'regulator-reporting',
    title: { en: 'Regulator reporting', zh: '监管报送' },
    figures: [
      ...(Object.keys(REPORT_NAMES) as (keyof typeof REPORT_NAMES)[]).map((k) => {
        const r = latest.get(k);
        return {
          key: `report-${k}`,
          label: {
            en: `${REPORT_NAMES[k].en}: ${r ? `${r.period} v${r.version} ${r.status}` : 'no run yet'}`,
            zh: `${REPORT_NAMES[k].zh}：${r ? `${r.period} 第${r.version}版 ${r.status === 'released' ? '已报送' : '校验未通过'}` : '尚未运行'}`,
          },
          value: r ? r.files.reduce((n, f) => n + f.records, 0) : 0,
          tone: !r ? ('neutral' as const) : r.status === 'released' ? ('ok' as const) : ('bad' as const),
          href: r ? `/data-governance/reports/${r.id}` : '/data-governance/reports',
        };
      }),
      {
        key: 'report-validation-failures',
        label: { en: 'Reports failing validation (latest run)', zh: '最新一次校验未通过的报表' },
        value: rejected,
        tone: rejected > 0 ? 'bad' : 'ok',
        href: '/data-governance/reports',
      },
    ],
    atRisk: [],
  };
}
