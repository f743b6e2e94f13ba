// Borrower documents as PDF, in English and 简体中文: the monthly statement, a payoff quote as of a
// date, and the annual interest-paid statement (flagged for a US Form 1098-E when the interest a
// borrower paid on a USD loan reaches $600 in the year). The Noto Sans SC font is embedded so
// Chinese renders everywhere.
import { createRequire } from 'node:module';
import { formatMoney } from '@bursar/core';
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { assertAccess, loanView, payoffQuote, type LoanAccess } from './loans.service.ts';
import * as repo from './servicing.repository.ts';

const require = createRequire(import.meta.url);
const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

/** Interest a US borrower must have paid in a year before the servicer files a Form 1098-E. */
const FORM_1098E_THRESHOLD_USD = 60_000;

async function render(build: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  // Loaded on first use: ~0.3 s that most processes (CLI commands, test files) never need.
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Bursar', Producer: 'Bursar' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', FONT);
    doc.registerFont('bold', FONT_BOLD);
    doc.font('body');
    build(doc);
    doc.end();
  });
}

function heading(doc: PDFKit.PDFDocument, en: string, zh: string): void {
  doc.font('bold').fontSize(16).text(`${en} · ${zh}`).moveDown(0.5).font('body').fontSize(10);
}

function row(doc: PDFKit.PDFDocument, label: string, value: string): void {
  const y = doc.y;
  doc.text(label, 50, y, { width: 300 });
  doc.text(value, 350, y, { width: 195, align: 'right' });
}

export async function monthlyStatementPdf(
  deps: Deps,
  access: LoanAccess,
  loanId: string,
  month: string,
): Promise<Buffer> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw Problem.badRequest('month', 'must be YYYY-MM');
  const db = deps.database.db;
  const loan = await repo.findLoan(db, loanId);
  assertAccess(access, loan);
  const v = loanView(loan);
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const journals = (await repo.journalsOfLoan(db, loanId, { limit: 1000, offset: 0 }))
    .filter((j) => j.business_date >= from && j.business_date < to)
    .reverse();
  const c = loan.currency;
  return render((doc) => {
    heading(doc, 'Loan statement', '贷款对账单');
    row(doc, 'Loan number · 贷款编号', v.loanNumber);
    row(doc, 'Statement period · 账单期间', `${from} – ${to}`);
    row(doc, 'Product · 产品', v.productCode);
    row(doc, 'State · 状态', v.state);
    row(doc, 'Annual rate · 年利率', v.annualRate);
    doc.moveDown();
    doc.font('bold').text('Transactions · 交易明细').font('body');
    for (const j of journals) {
      const own = j.lines.filter((l) => ['1100', '1120', '1130', '1140', '2100'].includes(l.account));
      const net = own.reduce((s, l) => s + Number(l.amount), 0);
      row(doc, `${j.business_date}  ${j.description}`, formatMoney(net, c));
    }
    if (journals.length === 0) doc.text('No transactions in the period · 本期无交易');
    doc.moveDown();
    doc.font('bold').text('Balances · 余额').font('body');
    row(doc, 'Principal outstanding · 未还本金', v.balances.principal);
    row(doc, 'Interest billed, unpaid · 应收未还利息', v.balances.interestDue);
    row(doc, 'Interest accrued since the last bill · 应计利息', v.balances.interestAccrued);
    row(doc, 'Penalty interest · 罚息', v.balances.penaltyDue);
    row(doc, 'Fees · 费用', v.balances.feesDue);
    row(doc, 'Credit balance · 溢缴款', v.balances.creditBalance);
    row(doc, 'Amount due now · 当前应还', v.balances.amountDue);
    doc.moveDown();
    row(doc, 'Next due date · 下次还款日', v.repayment.nextDueDate ?? '—');
    row(doc, 'Regular payment · 每期还款额', v.repayment.levelPayment);
    row(doc, 'Days past due · 逾期天数', String(v.delinquency.daysPastDue));
  });
}

export async function payoffQuotePdf(
  deps: Deps,
  access: LoanAccess,
  loanId: string,
  asOf?: string,
): Promise<Buffer> {
  const q = await payoffQuote(deps, access, loanId, asOf);
  const loan = (await repo.findLoan(deps.database.db, loanId))!;
  return render((doc) => {
    heading(doc, 'Payoff quote', '提前结清报价');
    row(doc, 'Loan number · 贷款编号', loan.loanNumber);
    row(doc, 'Good through · 有效日期', q.asOf);
    doc.moveDown();
    row(doc, 'Principal · 本金', q.principal);
    row(doc, 'Interest to that date · 截至当日利息', q.interest);
    row(doc, 'Penalty interest · 罚息', q.penalty);
    row(doc, 'Fees · 费用', q.fees);
    row(doc, 'Less credit balance · 减：溢缴款', q.credit);
    doc.font('bold');
    row(doc, `Total to pay off (${q.currency}) · 结清金额`, q.total);
    doc
      .font('body')
      .moveDown()
      .text(
        'Interest keeps accruing after this date; a payment received later needs a new quote. · 该日期之后利息继续计算，之后付款请重新报价。',
      );
  });
}

/** Interest a borrower paid in a calendar year, net of reversed payments. */
export async function interestPaid(deps: Deps, access: LoanAccess, loanId: string, year: number) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw Problem.badRequest('year', 'must be a year');
  const loan = await repo.findLoan(deps.database.db, loanId);
  assertAccess(access, loan);
  const payments = (await repo.paymentsOfLoan(deps.database.db, loanId)).filter(
    (p) => p.status === 'posted' && p.businessDate.startsWith(`${year}-`),
  );
  const paid = payments.reduce((s, p) => {
    const a = p.allocation as { interest: number; accruedInterest: number };
    return s + a.interest + a.accruedInterest;
  }, 0);
  return {
    loanId,
    loanNumber: loan.loanNumber,
    year,
    currency: loan.currency,
    interestPaid: formatMoney(paid, loan.currency),
    form1098E: loan.currency === 'USD' && paid >= FORM_1098E_THRESHOLD_USD,
  };
}

export async function interestPaidPdf(
  deps: Deps,
  access: LoanAccess,
  loanId: string,
  year: number,
): Promise<Buffer> {
  const s = await interestPaid(deps, access, loanId, year);
  return render((doc) => {
    heading(doc, 'Interest paid statement', '年度已付利息证明');
    row(doc, 'Loan number · 贷款编号', s.loanNumber);
    row(doc, 'Year · 年度', String(s.year));
    doc.font('bold');
    row(doc, `Interest paid (${s.currency}) · 已付利息`, s.interestPaid);
    doc.font('body').moveDown();
    if (s.form1098E)
      doc.text(
        'Student loan interest of $600 or more: reported on Form 1098-E. · 已付学生贷款利息达到 600 美元，按 1098-E 表申报。',
      );
  });
}
