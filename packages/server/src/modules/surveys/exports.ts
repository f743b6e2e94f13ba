// A wave report as files: a PDF with vector bar charts (pdfkit, Noto Sans SC embedded so Chinese
// renders) and an XLSX workbook (exceljs) with one sheet per table.
import type { Bilingual } from '@bursar/core';
import { ensurePdfSpace, pdfHeading, PDF_LEFT, PDF_WIDTH, renderPdf } from '../../files/pdf.ts';
import type { WaveReport } from './reports.service.ts';

export type ReportLanguage = 'en' | 'zh-CN';

const L = {
  en: {
    title: 'Satisfaction survey report',
    wave: 'Wave',
    generated: 'Generated',
    responses: 'Responses',
    responseRate: 'Response rate',
    overall: 'Overall satisfaction (mean, 95 % CI)',
    csat: 'CSAT (share of 4–5)',
    nps: 'NPS (95 % CI)',
    dimensions: 'Dimension scores (mean with 95 % CI, scale 1–5)',
    alpha: "Cronbach's α",
    npsMix: 'Promoters, passives and detractors',
    promoters: 'Promoters',
    passives: 'Passives',
    detractors: 'Detractors',
    drivers: 'Drivers of overall satisfaction (standardised β)',
    change: 'Change against',
    crossTabs: 'Overall satisfaction by segment',
    themes: 'Comment themes',
    significant: 'significant',
    notSignificant: 'not significant',
    noData: 'No responses yet.',
  },
  'zh-CN': {
    title: '满意度调查报告',
    wave: '调查批次',
    generated: '生成时间',
    responses: '回收答卷',
    responseRate: '回复率',
    overall: '总体满意度（均值，95% 置信区间）',
    csat: 'CSAT（4–5 分占比）',
    nps: '净推荐值 NPS（95% 置信区间）',
    dimensions: '各维度得分（均值及 95% 置信区间，1–5 分）',
    alpha: '克隆巴赫 α',
    npsMix: '推荐者、中立者与贬损者',
    promoters: '推荐者',
    passives: '中立者',
    detractors: '贬损者',
    drivers: '总体满意度驱动因素（标准化 β）',
    change: '对比批次',
    crossTabs: '按客群的总体满意度',
    themes: '意见主题',
    significant: '显著',
    notSignificant: '不显著',
    noData: '暂无答卷。',
  },
} as const;

const FIELD_LABEL: Record<string, Bilingual> = {
  studyLevel: { en: 'Study level', 'zh-CN': '学历层次' },
  school: { en: 'School', 'zh-CN': '学校' },
  product: { en: 'Product', 'zh-CN': '产品' },
  channel: { en: 'Channel', 'zh-CN': '渠道' },
  riskGrade: { en: 'Risk grade', 'zh-CN': '风险等级' },
};

const f1 = (v: number | null | undefined, digits = 2) =>
  typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '–';
const pct = (v: number | null | undefined) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '–');
const pval = (p: number | null | undefined) =>
  typeof p === 'number' ? (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`) : '';

const render = (build: (doc: PDFKit.PDFDocument) => void) => renderPdf('Bursar survey report', build);
const LEFT = PDF_LEFT;
const WIDTH = PDF_WIDTH;
const LABEL_W = 170;
const ensureSpace = ensurePdfSpace;
const heading = pdfHeading;

/** Horizontal bars on a fixed scale, optional interval whiskers and a value label. */
function barChart(
  doc: PDFKit.PDFDocument,
  bars: {
    label: string;
    value: number | null;
    low?: number | null;
    high?: number | null;
    text: string;
    color?: string;
  }[],
  scale: { min: number; max: number },
) {
  const barH = 12;
  const gap = 6;
  const plotW = WIDTH - LABEL_W - 60;
  const x = (v: number) => LEFT + LABEL_W + ((v - scale.min) / (scale.max - scale.min)) * plotW;
  ensureSpace(doc, bars.length * (barH + gap) + 20);
  let y = doc.y;
  const top = y;
  for (const b of bars) {
    doc
      .fillColor('#222')
      .fontSize(8)
      .text(b.label, LEFT, y + 1, { width: LABEL_W - 6, height: barH, ellipsis: true });
    if (b.value !== null) {
      const x0 = x(scale.min);
      doc.rect(x0, y, Math.max(1, x(b.value) - x0), barH).fill(b.color ?? '#228be6');
      if (typeof b.low === 'number' && typeof b.high === 'number') {
        const mid = y + barH / 2;
        doc.moveTo(x(b.low), mid).lineTo(x(b.high), mid).lineWidth(1).strokeColor('#111').stroke();
        doc
          .moveTo(x(b.low), mid - 3)
          .lineTo(x(b.low), mid + 3)
          .stroke();
        doc
          .moveTo(x(b.high), mid - 3)
          .lineTo(x(b.high), mid + 3)
          .stroke();
      }
    }
    doc
      .fillColor('#222')
      .fontSize(8)
      .text(b.text, LEFT + LABEL_W + plotW + 6, y + 1, { width: 54 });
    y += barH + gap;
  }
  // Axis with the scale's ends.
  doc
    .moveTo(x(scale.min), top - 2)
    .lineTo(x(scale.min), y - gap + 2)
    .lineWidth(0.5)
    .strokeColor('#888')
    .stroke();
  doc
    .fillColor('#666')
    .fontSize(7)
    .text(String(scale.min), x(scale.min) - 5, y, { width: 20 });
  doc.text(String(scale.max), x(scale.max) - 5, y, { width: 20 });
  doc.y = y + 12;
  doc.x = LEFT;
}

export function reportPdf(r: WaveReport, lang: ReportLanguage): Promise<Buffer> {
  const t = L[lang];
  const name = (b: Bilingual) => b[lang];
  return render((doc) => {
    doc
      .font('bold')
      .fontSize(18)
      .text(`${t.title} · ${name(r.wave.surveyName)}`);
    doc.font('body').fontSize(10).moveDown(0.3);
    doc.text(
      `${t.wave}: ${r.wave.name} (${r.wave.code}, v${r.wave.version})   ${t.generated}: ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    );
    doc.moveDown(0.5);
    const rr = r.responseRate;
    doc.text(`${t.responses}: ${rr.completed} / ${rr.invited}   ${t.responseRate}: ${pct(rr.rate)}`);
    if (!rr.completed) {
      doc.moveDown().text(t.noData);
      return;
    }
    if (r.overall) {
      const s = r.overall.summary;
      doc.text(`${t.overall}: ${f1(s.mean)} [${f1(s.ci95?.low)}, ${f1(s.ci95?.high)}], n = ${s.n}`);
      doc.text(
        `${t.csat}: ${pct(r.overall.csat.share)} [${pct(r.overall.csat.ci95?.low)}, ${pct(r.overall.csat.ci95?.high)}]`,
      );
    }
    if (r.nps)
      doc.text(`${t.nps}: ${f1(r.nps.score, 1)} [${f1(r.nps.ci95?.low, 1)}, ${f1(r.nps.ci95?.high, 1)}]`);

    heading(doc, t.dimensions);
    barChart(
      doc,
      r.dimensions.map((d) => ({
        label: `${name(d.name)} (${t.alpha} ${f1(d.alpha)})`,
        value: d.summary.mean,
        low: d.summary.ci95?.low ?? null,
        high: d.summary.ci95?.high ?? null,
        text: f1(d.summary.mean),
      })),
      { min: 1, max: 5 },
    );

    if (r.nps && r.nps.n) {
      heading(doc, t.npsMix);
      const n = r.nps.n;
      barChart(
        doc,
        [
          {
            label: t.promoters,
            value: (100 * r.nps.promoters) / n,
            text: pct(r.nps.promoters / n),
            color: '#2f9e44',
          },
          {
            label: t.passives,
            value: (100 * r.nps.passives) / n,
            text: pct(r.nps.passives / n),
            color: '#adb5bd',
          },
          {
            label: t.detractors,
            value: (100 * r.nps.detractors) / n,
            text: pct(r.nps.detractors / n),
            color: '#e03131',
          },
        ],
        { min: 0, max: 100 },
      );
    }

    if (r.drivers.drivers.some((d) => d.beta !== null || d.correlation !== null)) {
      heading(doc, t.drivers);
      barChart(
        doc,
        r.drivers.drivers.map((d) => {
          const v = d.beta ?? d.correlation ?? 0;
          return { label: name(d.name), value: Math.max(0, v), text: f1(v), color: '#7048e8' };
        }),
        { min: 0, max: 1 },
      );
      doc.fontSize(8).text(`R² = ${f1(r.drivers.rSquared)}, n = ${r.drivers.n}`);
    }

    if (r.change) {
      const c = r.change;
      heading(doc, `${t.change} ${c.baseline.name} (${c.baseline.code})`);
      const line = (label: string, before: string, after: string, p: number | null | undefined) =>
        doc.text(
          `${label}: ${before} → ${after}  ${pval(p)}${typeof p === 'number' ? ` (${p < 0.05 ? t.significant : t.notSignificant})` : ''}`,
        );
      line(t.overall, f1(c.overall.before), f1(c.overall.after), c.overall.test?.pValue);
      for (const d of c.dimensions) line(name(d.name), f1(d.before), f1(d.after), d.test?.pValue);
      if (c.csat) line(t.csat, pct(c.csat.before), pct(c.csat.after), c.csat.pValue);
      line('NPS', f1(c.nps.before, 1), f1(c.nps.after, 1), c.nps.test?.pValue);
    }

    heading(doc, t.crossTabs);
    for (const ct of r.crossTabs) {
      if (ct.groups.length < 2) continue;
      ensureSpace(doc, 40 + ct.groups.length * 12);
      doc
        .font('bold')
        .text(
          `${FIELD_LABEL[ct.field]![lang]}  ${ct.chiSquare ? `χ²(${ct.chiSquare.df}) = ${f1(ct.chiSquare.statistic)}, ${pval(ct.chiSquare.pValue)}` : ''}`,
        )
        .font('body');
      for (const g of ct.groups)
        doc.text(
          `   ${g.value}: n = ${g.n}, ${f1(g.overall.mean)}, CSAT ${pct(g.csat.share)}, NPS ${f1(g.nps.score, 0)} ${g.vsRest ? pval(g.vsRest.pValue) : ''}`,
        );
    }

    if (r.themes.length) {
      heading(doc, t.themes);
      for (const th of r.themes.slice(0, 12)) {
        ensureSpace(doc, 30);
        doc
          .font('bold')
          .text(`${th.term} (${th.count})`, { continued: true })
          .font('body')
          .text(`  “${th.examples[0] ?? ''}”`);
      }
    }
  });
}

/** The report as a workbook: summary, dimensions, questions, cross-tabs, drivers, themes. */
export async function reportXlsx(r: WaveReport, lang: ReportLanguage): Promise<Buffer> {
  const t = L[lang];
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bursar';
  const summary = wb.addWorksheet('Summary');
  summary.addRows([
    [t.title, r.wave.surveyName[lang]],
    [t.wave, `${r.wave.name} (${r.wave.code})`],
    [t.responses, r.responseRate.completed],
    ['Invited', r.responseRate.invited],
    [t.responseRate, r.responseRate.rate],
    ['Overall mean', r.overall?.summary.mean ?? null],
    ['Overall 95% CI low', r.overall?.summary.ci95?.low ?? null],
    ['Overall 95% CI high', r.overall?.summary.ci95?.high ?? null],
    ['CSAT', r.overall?.csat.share ?? null],
    ['NPS', r.nps?.score ?? null],
    ['NPS 95% CI low', r.nps?.ci95?.low ?? null],
    ['NPS 95% CI high', r.nps?.ci95?.high ?? null],
  ]);
  const dims = wb.addWorksheet('Dimensions');
  dims.addRow([
    'code',
    'name',
    'n',
    'mean',
    'sd',
    'ci95_low',
    'ci95_high',
    'csat',
    'cronbach_alpha',
    '1',
    '2',
    '3',
    '4',
    '5',
  ]);
  for (const d of r.dimensions)
    dims.addRow([
      d.code,
      d.name[lang],
      d.summary.n,
      d.summary.mean,
      d.summary.sd,
      d.summary.ci95?.low ?? null,
      d.summary.ci95?.high ?? null,
      d.csat.share,
      d.alpha,
      ...[1, 2, 3, 4, 5].map((v) => d.summary.distribution[String(v)] ?? 0),
    ]);
  const qs = wb.addWorksheet('Questions');
  qs.addRow(['id', 'type', 'text', 'answered', 'mean', 'sd', 'ci95_low', 'ci95_high', 'csat', 'options']);
  for (const q of r.questions)
    qs.addRow([
      q.id,
      q.type,
      q.text[lang],
      q.answered,
      q.summary?.mean ?? null,
      q.summary?.sd ?? null,
      q.summary?.ci95?.low ?? null,
      q.summary?.ci95?.high ?? null,
      q.csat?.share ?? null,
      q.options?.map((o) => `${o.label[lang]}: ${o.count}`).join('; ') ?? null,
    ]);
  const ct = wb.addWorksheet('Cross-tabs');
  ct.addRow([
    'segment',
    'group',
    'n',
    'overall_mean',
    'csat',
    'nps',
    'welch_p_vs_rest',
    'chi_square',
    'df',
    'chi_square_p',
  ]);
  for (const c of r.crossTabs)
    for (const g of c.groups)
      ct.addRow([
        c.field,
        g.value,
        g.n,
        g.overall.mean,
        g.csat.share,
        g.nps.score,
        g.vsRest?.pValue ?? null,
        c.chiSquare?.statistic ?? null,
        c.chiSquare?.df ?? null,
        c.chiSquare?.pValue ?? null,
      ]);
  const dr = wb.addWorksheet('Drivers');
  dr.addRow(['dimension', 'beta', 'correlation', 'mean']);
  for (const d of r.drivers.drivers) dr.addRow([d.name[lang], d.beta, d.correlation, d.mean]);
  const th = wb.addWorksheet('Themes');
  th.addRow(['term', 'comments', 'share', 'examples']);
  for (const x of r.themes) th.addRow([x.term, x.count, x.share, x.examples.join(' | ')]);
  for (const ws of wb.worksheets) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
