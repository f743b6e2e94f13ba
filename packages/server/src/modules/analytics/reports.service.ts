// Scheduled management reports: a manager schedules the dashboard (with its filters) as PDF
// and/or XLSX, weekly or monthly, to staff addresses. Delivery goes through the same SMTP settings
// surveys' scheduled reports use (engagement's outbox addresses customers only and carries no
// attachments), once per schedule and period: the delivery row's key makes a rerun a no-op.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { ActorContext, Deps } from '../../deps.ts';
import { pdfHeading, renderPdf } from '../../files/pdf.ts';
import { xlsxStream, type SheetCell } from '../../files/xlsx.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { engagementSettings } from '../engagement/index.ts';
import * as repo from './analytics.repository.ts';
import { managementDashboard, type DashboardQuery, type ManagementDashboard } from './dashboards.service.ts';

export type ReportLanguage = 'en' | 'zh-CN';
export type ReportFormat = 'pdf' | 'xlsx';

const L = {
  en: {
    title: 'Management dashboard',
    asOf: 'As of business date',
    filters: 'Filters',
    all: 'all',
    figure: 'Figure',
    value: 'Value',
    trend: 'Monthly trend',
    month: 'Month',
    originations: 'Originations (loans / disbursed)',
    balance: 'Portfolio balance',
    yield: 'Portfolio yield',
    par30: 'PAR30',
    defaults: 'Default rate',
    csat: 'CSAT',
    nps: 'NPS',
    sla: 'SLA attainment',
    cac: 'Acquisition cost per customer',
    clv: 'Lifetime value per loan',
    notConnected: 'not connected',
    staff: 'Staff service ratings',
    cohorts: 'Cohort default rates',
  },
  'zh-CN': {
    title: '管理驾驶舱',
    asOf: '营业日',
    filters: '筛选',
    all: '全部',
    figure: '指标',
    value: '数值',
    trend: '月度趋势',
    month: '月份',
    originations: '放款（笔数 / 放款金额）',
    balance: '贷款余额',
    yield: '组合收益率',
    par30: 'PAR30 风险贷款率',
    defaults: '违约率',
    csat: '客户满意度 CSAT',
    nps: '净推荐值 NPS',
    sla: 'SLA 达成率',
    cac: '获客成本（每客户）',
    clv: '客户终身价值（每笔贷款）',
    notConnected: '未接入',
    staff: '员工服务评分',
    cohorts: '队列违约率',
  },
} as const;

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const amount = (minor: number, currency: string) =>
  `${currency} ${(minor / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The dashboard's headline figures as label/value rows, in the report language. */
export function dashboardRows(d: ManagementDashboard, lang: ReportLanguage): [string, string][] {
  const t = L[lang];
  return [
    [
      t.originations,
      `${d.originations.loans} / ${amount(d.originations.disbursed, d.currency)} (${d.originations.month ?? '–'})`,
    ],
    [t.balance, amount(d.portfolio.balance, d.currency)],
    [t.yield, pct(d.portfolio.yield)],
    [t.par30, `${pct(d.par30.ratio)} (${d.par30.loans})`],
    [t.defaults, pct(d.defaults.ratio)],
    [t.csat, pct(d.csat.score)],
    [t.nps, d.nps.score === null ? '–' : d.nps.score.toFixed(1)],
    [t.sla, pct(d.sla.attainment)],
    [
      t.cac,
      d.acquisitionCost.connected && d.acquisitionCost.perCustomer !== null
        ? amount(d.acquisitionCost.perCustomer, d.currency)
        : t.notConnected,
    ],
    [t.clv, amount(d.lifetimeValue.perLoan, d.currency)],
  ];
}

function filterText(d: ManagementDashboard, lang: ReportLanguage) {
  const t = L[lang];
  const school = d.choices.schools.find((s) => s.id === d.filters.schoolId);
  return [
    school ? (lang === 'zh-CN' ? (school.nameLocal ?? school.name) : school.name) : t.all,
    d.filters.productCode ?? t.all,
    d.filters.segment ?? t.all,
  ].join(' · ');
}

export function dashboardPdf(d: ManagementDashboard, lang: ReportLanguage): Promise<Buffer> {
  const t = L[lang];
  return renderPdf(t.title, (doc) => {
    doc.font('bold').fontSize(18).text(t.title);
    doc.font('body').fontSize(10).moveDown(0.3);
    doc.text(`${t.asOf}: ${d.asOf ?? d.businessDate}   ${t.filters}: ${filterText(d, lang)}`);
    pdfHeading(doc, t.figure);
    for (const [k, v] of dashboardRows(d, lang)) doc.text(`${k}: ${v}`);
    pdfHeading(doc, t.trend);
    for (const m of d.portfolio.trend)
      doc.text(
        `${m.month}   ${t.balance} ${amount(m.balance, d.currency)}   ${t.par30} ${pct(d.par30.trend.find((p) => p.month === m.month)?.ratio ?? null)}`,
      );
    for (const o of d.originations.trend)
      doc.text(`${o.month}   ${t.originations} ${o.loans} / ${amount(o.disbursed, d.currency)}`);
    if (d.defaults.cohorts.length) {
      pdfHeading(doc, t.cohorts);
      for (const c of d.defaults.cohorts)
        doc.text(`FY${c.fiscalYear}: ${c.defaulted}/${c.entered} = ${pct(c.rate)}`);
    }
    if (d.staffRatings.length) {
      pdfHeading(doc, t.staff);
      for (const s of d.staffRatings) doc.text(`${s.agent}: ${s.average.toFixed(2)} (n = ${s.ratings})`);
    }
  });
}

export async function dashboardXlsx(d: ManagementDashboard, lang: ReportLanguage): Promise<Buffer> {
  const t = L[lang];
  async function* rows(): AsyncIterable<SheetCell[]> {
    yield [t.figure, t.value];
    for (const r of dashboardRows(d, lang)) yield r;
    yield [];
    yield [t.month, t.originations, t.balance, t.yield, t.par30, t.clv];
    const months = [
      ...new Set([...d.originations.trend.map((o) => o.month), ...d.portfolio.trend.map((p) => p.month)]),
    ].sort();
    for (const m of months) {
      const o = d.originations.trend.find((x) => x.month === m);
      const p = d.portfolio.trend.find((x) => x.month === m);
      const r = d.par30.trend.find((x) => x.month === m);
      const c = d.lifetimeValue.trend.find((x) => x.month === m);
      yield [
        m,
        o ? o.loans : null,
        p ? p.balance / 100 : null,
        p ? p.yield : null,
        r ? r.ratio : null,
        c ? c.perLoan / 100 : null,
      ];
    }
  }
  const chunks: Buffer[] = [];
  for await (const c of xlsxStream(t.title, rows())) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export interface ScheduleInput {
  name: string;
  filters: DashboardQuery;
  formats: ReportFormat[];
  frequency: 'weekly' | 'monthly';
  recipients: string[];
  language: ReportLanguage;
}

const view = (s: repo.ScheduleRow) => ({
  id: s.id,
  name: s.name,
  filters: s.filters as DashboardQuery,
  formats: s.formats,
  frequency: s.frequency,
  recipients: s.recipients,
  language: s.language === 'en' ? 'en' : 'zh-CN',
  active: s.active,
  createdBy: s.createdBy,
  createdAt: s.createdAt.toISOString(),
});

export async function listReportSchedules(deps: Deps) {
  return (await repo.allSchedules(deps.database.db)).map(view);
}

export async function scheduleDashboardReport(deps: Deps, ctx: ActorContext, input: ScheduleInput) {
  return deps.database.db.transaction(async (tx) => {
    const now = deps.now();
    const s = await repo.insertSchedule(tx, {
      id: randomUUID(),
      name: input.name,
      filters: input.filters,
      formats: input.formats,
      frequency: input.frequency,
      recipients: input.recipients,
      language: input.language,
      createdBy: ctx.actorName ?? 'system',
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'analytics.report_scheduled',
      entityType: 'analytics_report_schedule',
      entityId: s.id,
      after: {
        name: input.name,
        frequency: input.frequency,
        formats: input.formats,
        recipients: input.recipients.length,
      },
    });
    return view(s);
  });
}

export async function setReportScheduleActive(deps: Deps, ctx: ActorContext, id: string, active: boolean) {
  return deps.database.db.transaction(async (tx) => {
    const s = await repo.findSchedule(tx, id);
    if (!s) throw Problem.notFound('Report schedule');
    await repo.setScheduleActive(tx, id, active);
    await recordAudit(tx, ctx, deps.now(), {
      action: active ? 'analytics.report_resumed' : 'analytics.report_paused',
      entityType: 'analytics_report_schedule',
      entityId: id,
      before: { active: s.active },
      after: { active },
    });
    return view({ ...s, active });
  });
}

/** The period a delivery covers: ISO week ('2026-W37') or month ('2026-09') of `at` (UTC). */
export function reportPeriod(frequency: 'weekly' | 'monthly', at: Date): string {
  if (frequency === 'monthly') return at.toISOString().slice(0, 7);
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Send every active schedule's report for the current period, once; returns how many went out. */
export async function deliverDashboardReports(deps: Deps): Promise<number> {
  const smtp = engagementSettings(deps);
  if (!smtp.smtpUrl) return 0;
  const transport = nodemailer.createTransport(smtp.smtpUrl);
  let sent = 0;
  try {
    for (const s of await repo.allSchedules(deps.database.db)) {
      if (!s.active) continue;
      const period = reportPeriod(s.frequency, deps.now());
      if ((await repo.deliveriesOf(deps.database.db, s.id)).some((d) => d.period === period)) continue;
      // The report is built before the transaction (PGlite has one connection); the claim and the
      // send share one transaction, so a failed send rolls the claim back for the next run.
      const lang: ReportLanguage = s.language === 'en' ? 'en' : 'zh-CN';
      const d = await managementDashboard(deps, s.filters as DashboardQuery);
      const attachments: { filename: string; content: Buffer; contentType: string }[] = [];
      if (s.formats.includes('pdf'))
        attachments.push({
          filename: `dashboard-${period}.pdf`,
          content: await dashboardPdf(d, lang),
          contentType: 'application/pdf',
        });
      if (s.formats.includes('xlsx'))
        attachments.push({
          filename: `dashboard-${period}.xlsx`,
          content: await dashboardXlsx(d, lang),
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        });
      await deps.database.db.transaction(async (tx) => {
        if (!(await repo.claimDelivery(tx, s.id, period, deps.now(), s.recipients.length))) return;
        await transport.sendMail({
          from: smtp.smtpFrom,
          to: s.recipients.join(', '),
          subject: `${L[lang].title}: ${s.name} (${period})`,
          text: dashboardRows(d, lang)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n'),
          attachments,
        });
        sent++;
      });
    }
  } finally {
    transport.close();
  }
  return sent;
}
