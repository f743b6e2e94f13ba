// The e-contract as PDF from a versioned template, in English or 简体中文, with the key terms and
// the repayment schedule; the final version adds a signature page. The contract's number and
// version are written into the PDF (Subject and a marker) so a returned copy can be identified.
import { createRequire } from 'node:module';
import {
  formatMoney,
  parseRate,
  type PricingAdjustment,
  type RepaymentPreview,
  type TranchePlan,
} from '@bursar/core';

const require = createRequire(import.meta.url);
const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

/** Bump when the wording changes: stored with every contract generated from it. */
export const CONTRACT_TEMPLATE_VERSION = 'master-agreement-v1';

export interface ContractTerms {
  contractNumber: string;
  version: number;
  language: 'en' | 'zh-CN';
  lender: string;
  borrowerName: string;
  cosignerName: string | null;
  applicationNumber: string;
  productName: string;
  currency: string;
  amountMinor: number;
  baseRate: string;
  rate: string;
  adjustments: PricingAdjustment[];
  tranches: TranchePlan[];
  preview: RepaymentPreview;
  issuedAt: Date;
}

export interface SignatureLine {
  party: 'borrower' | 'cosigner';
  signerName: string;
  signedAt: Date;
  method: string;
  ip: string | null;
  documentSha256: string;
}

const WORDS = {
  en: {
    title: 'Student loan master agreement',
    number: 'Contract number',
    version: 'Version',
    template: 'Template',
    lender: 'Lender',
    borrower: 'Borrower',
    cosigner: 'Co-signer',
    application: 'Application',
    product: 'Product',
    amount: 'Total commitment',
    baseRate: 'Product rate (annual)',
    rate: 'Your rate (annual)',
    adjustments: 'Pricing adjustments',
    noAdjustments: 'None',
    tranches: 'Tranches (one per academic year)',
    payee: { school: 'paid to the school', student: 'paid to the student' },
    repayment: 'Repayment',
    repaymentText: (p: RepaymentPreview) =>
      `${p.instalments} ${p.frequency} instalments from ${p.repaymentStart}; instalment ${p.payment}; total interest ${p.totalInterest}; fees ${p.fees}; total cost ${p.totalCost}; APR ${aprPercent(p.apr)} %.`,
    schedule: 'Repayment schedule (preview for the full commitment)',
    cols: ['#', 'Due date', 'Principal', 'Interest', 'Payment', 'Balance'],
    clauses: [
      'Each tranche is paid only while the borrower is confirmed as enrolled by the school.',
      'The borrower may repay early at any time without a prepayment charge.',
      'Both parties agree that this agreement is made and signed electronically and that electronic records have the same effect as paper.',
    ],
    signatures: 'Signatures',
    signedBy: (s: SignatureLine) =>
      `${s.party === 'borrower' ? 'Borrower' : 'Co-signer'}: ${s.signerName}, ${s.signedAt.toISOString()}, ${s.method}${s.ip ? `, IP ${s.ip}` : ''}`,
    signedHash: 'SHA-256 of the document signed',
    seal: 'Sealed by the lender with a PDF digital signature.',
  },
  'zh-CN': {
    title: '助学贷款总协议',
    number: '合同编号',
    version: '版本',
    template: '模板',
    lender: '贷款人',
    borrower: '借款人',
    cosigner: '共同借款人',
    application: '贷款申请',
    product: '产品',
    amount: '授信总额',
    baseRate: '产品利率（年）',
    rate: '您的利率（年）',
    adjustments: '定价调整',
    noAdjustments: '无',
    tranches: '分期发放（每学年一次）',
    payee: { school: '支付给学校', student: '支付给学生' },
    repayment: '还款',
    repaymentText: (p: RepaymentPreview) =>
      `自 ${p.repaymentStart} 起分 ${p.instalments} 期还款；每期 ${p.payment}；利息合计 ${p.totalInterest}；费用 ${p.fees}；总成本 ${p.totalCost}；年化利率 ${aprPercent(p.apr)}%。`,
    schedule: '还款计划（按授信总额预览）',
    cols: ['期数', '到期日', '本金', '利息', '还款额', '余额'],
    clauses: [
      '每期款项仅在学校确认借款人在读期间发放。',
      '借款人可随时提前还款，不收取提前还款费用。',
      '双方同意本协议以电子方式订立和签署，电子记录与纸质文件具有同等效力。',
    ],
    signatures: '签署',
    signedBy: (s: SignatureLine) =>
      `${s.party === 'borrower' ? '借款人' : '共同借款人'}：${s.signerName}，${s.signedAt.toISOString()}，${s.method}${s.ip ? `，IP ${s.ip}` : ''}`,
    signedHash: '所签署文件的 SHA-256',
    seal: '贷款人已使用 PDF 数字签名加盖电子印章。',
  },
} as const;

/** The marker verify reads back: "BursarContract:C00000001/v1". */
export function contractMarker(contractNumber: string, version: number): string {
  return `BursarContract:${contractNumber}/v${version}`;
}

export async function renderContract(terms: ContractTerms, signatures: SignatureLine[] | null): Promise<Buffer> {
  const w = WORDS[terms.language];
  // Loaded on first use: ~0.3 s that most processes (CLI commands, test files) never need.
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: {
        Title: `${w.title} ${terms.contractNumber}`,
        Subject: contractMarker(terms.contractNumber, terms.version),
        Producer: 'Bursar',
        Creator: CONTRACT_TEMPLATE_VERSION,
        CreationDate: terms.issuedAt,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', FONT);
    doc.registerFont('bold', FONT_BOLD);
    const m = (minor: number) => `${terms.currency} ${formatMoney(minor, terms.currency)}`;
    const line = (label: string, value: string) =>
      doc.font('bold').text(`${label}: `, { continued: true }).font('body').text(value);
    doc.font('bold').fontSize(16).text(w.title).moveDown(0.3);
    doc.font('body').fontSize(9).text(contractMarker(terms.contractNumber, terms.version)).moveDown(0.5);
    doc.fontSize(10);
    line(w.number, terms.contractNumber);
    line(w.version, String(terms.version));
    line(w.template, CONTRACT_TEMPLATE_VERSION);
    line(w.lender, terms.lender);
    line(w.borrower, terms.borrowerName);
    if (terms.cosignerName) line(w.cosigner, terms.cosignerName);
    line(w.application, terms.applicationNumber);
    line(w.product, terms.productName);
    line(w.amount, m(terms.amountMinor));
    line(w.baseRate, `${(Number(terms.baseRate) * 100).toFixed(3)} %`);
    line(w.rate, `${(Number(terms.rate) * 100).toFixed(3)} %`);
    line(
      w.adjustments,
      terms.adjustments.length
        ? terms.adjustments.map((a) => `${a.code} ${a.bp > 0 ? '+' : ''}${a.bp} bp`).join('; ')
        : w.noAdjustments,
    );
    doc.moveDown(0.5).font('bold').text(w.tranches).font('body');
    for (const t of terms.tranches)
      doc.text(
        `${t.tranche}. ${t.academicYear} · ${t.plannedDate} · ${m(t.amountMinor)} · ${w.payee[t.payee]}`,
      );
    doc.moveDown(0.5).font('bold').text(w.repayment).font('body').text(w.repaymentText(terms.preview));
    doc.moveDown(0.5);
    for (const [i, c] of w.clauses.entries()) doc.text(`${i + 1}. ${c}`);
    doc.moveDown(0.5).font('bold').text(w.schedule).font('body').fontSize(8);
    const xs = [50, 80, 160, 260, 340, 420];
    const row = (cells: string[]) => {
      if (doc.y > 780) doc.addPage();
      const y = doc.y;
      cells.forEach((c, i) => doc.text(c, xs[i], y, { width: 80, lineBreak: false }));
      doc.moveDown(0.2);
      doc.x = 50;
    };
    row([...w.cols]);
    for (const r of terms.preview.schedule)
      row([String(r.n), r.dueDate, r.principal, r.interest, r.payment, r.balance]);
    if (signatures) {
      doc.addPage().fontSize(14).font('bold').text(w.signatures).moveDown(0.5).fontSize(10).font('body');
      for (const s of signatures) {
        doc.text(w.signedBy(s));
        doc.fontSize(8).text(`${w.signedHash}: ${s.documentSha256}`).fontSize(10).moveDown(0.5);
      }
      doc.moveDown().text(w.seal);
    }
    doc.end();
  });
}

/** An APR such as "0.036512" as a percentage with two places, rounded half-up exactly (no floats). */
export function aprPercent(apr: string): string {
  const r = parseRate(apr);
  const n = BigInt(r.num) * 10_000n;
  const d = BigInt(r.den);
  const hundredths = (2n * n + d) / (2n * d);
  const whole = hundredths / 100n;
  const frac = String(hundredths % 100n).padStart(2, '0');
  return `${whole}.${frac}`;
}
