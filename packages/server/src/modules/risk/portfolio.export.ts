// Portfolio analytics as tables: one CSV per section, or every section as a worksheet of one
// XLSX workbook. Ratios are written as fractions (0.0523), money as minor units with the
// currency named in the header, so a spreadsheet can recompute every figure.
import { csvLine, FIVE_TIER_NAMES_ZH, type FiveTier } from '@bursar/core';
import type { Deps } from '../../deps.ts';
import { loansAtRisk, portfolioDashboard, type PortfolioDashboard } from './portfolio.service.ts';

export const EXPORT_SECTIONS = [
  'summary',
  'buckets',
  'par-trend',
  'roll-rates',
  'vintages',
  'cdr-school',
  'cdr-programme',
  'provisions',
  'concentration',
  'par30-loans',
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

type Cell = string | number | boolean | null;
type Table = Cell[][];

function sectionTable(
  d: PortfolioDashboard,
  atRisk: Awaited<ReturnType<typeof loansAtRisk>>,
  section: ExportSection,
): Table {
  const m = `(${d.currency} minor units)`;
  switch (section) {
    case 'summary':
      return [
        ['metric', 'value'],
        ['as_of', d.asOf],
        ['currency', d.currency],
        ['loans', d.loans],
        [`balance ${m}`, d.balance],
        ['par30_balance', d.par30.ratio],
        ['par30_count', d.par30.countRatio],
        ['par90_balance', d.par90.ratio],
        ['par90_count', d.par90.countRatio],
        [`ecl_ifrs9 ${m}`, d.provisions.ifrs9.total],
        [`ecl_cecl ${m}`, d.provisions.cecl.total],
        [`provision_five_tier ${m}`, d.provisions.fiveTier.total],
      ];
    case 'buckets':
      return [
        ['bucket', 'loans', `balance ${m}`, 'share'],
        ...d.buckets.map((b) => [b.bucket, b.count, b.balance, b.share]),
      ];
    case 'par-trend':
      return [
        ['date', 'live', 'par30', 'par90', 'par30_count', `balance ${m}`],
        ...d.parTrend.map((p) => [p.date, p.live, p.par30, p.par90, p.par30Count, p.balance]),
      ];
    case 'roll-rates':
      return [
        ['from_month_end', 'to_month_end', 'from_status', 'to_status', 'loans', 'rate', 'balance_rate'],
        ...d.rollRates.periods.flatMap((p) =>
          p.statuses.flatMap((from, i) =>
            p.statuses.flatMap((to, j) =>
              p.counts[i]![j]! > 0
                ? [[p.from, p.to, from, to, p.counts[i]![j]!, p.rates[i]![j]!, p.balanceRates[i]![j]!]]
                : [],
            ),
          ),
        ),
      ];
    case 'vintages':
      return [
        [
          'cohort',
          'loans',
          `amount ${m}`,
          'months_on_book',
          'observed',
          'cumulative_bad_rate',
          'cumulative_bad_amount_rate',
        ],
        ...d.vintages.flatMap((v) =>
          v.points.map((p) => [
            v.cohort,
            v.loans,
            v.amount,
            p.monthsOnBook,
            p.observed,
            p.rate,
            p.amountRate,
          ]),
        ),
      ];
    case 'cdr-school':
    case 'cdr-programme':
      return [
        [
          section === 'cdr-school' ? 'school' : 'programme',
          'fiscal_year',
          'window_end',
          'borrowers',
          'defaulted',
          'rate',
          'final',
        ],
        ...(section === 'cdr-school' ? d.cdrBySchool : d.cdrByProgramme).map((r) => [
          r.group,
          r.fiscalYear,
          r.windowEnd,
          r.borrowers,
          r.defaulted,
          r.rate,
          r.final,
        ]),
      ];
    case 'provisions':
      return [
        ['method', 'class', 'loans', `ead ${m}`, `provision ${m}`, 'coverage'],
        ...d.provisions.ifrs9.byStage.map((s) => [
          'IFRS 9',
          `stage ${s.key}`,
          s.count,
          s.ead,
          s.provision,
          s.coverage,
        ]),
        ...d.provisions.cecl.byStage.map((s) => [
          'CECL',
          `stage ${s.key}`,
          s.count,
          s.ead,
          s.provision,
          s.coverage,
        ]),
        ...d.provisions.fiveTier.byTier.map((s) => [
          '五级分类',
          `${s.key} ${FIVE_TIER_NAMES_ZH[s.key as FiveTier]}`,
          s.count,
          s.ead,
          s.provision,
          s.coverage,
        ]),
      ];
    case 'concentration':
      return [
        ['dimension', 'group', `balance ${m}`, 'share', 'hhi'],
        ...(['school', 'programme', 'region'] as const).flatMap((dim) =>
          d.concentration[dim].top.map((t) => [dim, t.key, t.balance, t.share, d.concentration[dim].hhi]),
        ),
      ];
    case 'par30-loans':
      return [
        [
          'loan_number',
          'state',
          'bucket',
          'days_past_due',
          `principal ${m}`,
          'product',
          'school',
          'programme',
        ],
        ...atRisk.items.map((l) => [
          l.loanNumber,
          l.state,
          l.bucket,
          l.daysPastDue,
          l.principal,
          l.productCode,
          l.school,
          l.programme,
        ]),
      ];
  }
}

async function gather(deps: Deps, currency?: string) {
  const d = await portfolioDashboard(deps, { currency });
  const atRisk = await loansAtRisk(deps, { currency: d.currency, days: 30 });
  return { d, atRisk };
}

export async function portfolioCsv(deps: Deps, section: ExportSection, currency?: string): Promise<string> {
  const { d, atRisk } = await gather(deps, currency);
  return sectionTable(d, atRisk, section).map(csvLine).join('');
}

export async function portfolioXlsx(deps: Deps, currency?: string): Promise<Buffer> {
  const { d, atRisk } = await gather(deps, currency);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  for (const section of EXPORT_SECTIONS) {
    const sheet = workbook.addWorksheet(section, { views: [{ state: 'frozen', ySplit: 1 }] });
    const [header, ...rows] = sectionTable(d, atRisk, section);
    sheet.addRow(header!).font = { bold: true };
    for (const r of rows) sheet.addRow(r.map((v) => (typeof v === 'boolean' ? String(v) : v)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
