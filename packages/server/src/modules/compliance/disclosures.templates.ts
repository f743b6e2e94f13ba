// The built-in disclosure templates (version 1 of each stage), installed on first use. Compliance
// staff publish new versions from the web app; placeholders in {{ }} are filled from the offer.
import type { Stage } from './disclosures.repository.ts';

interface Builtin {
  titleEn: string;
  titleZh: string;
  bodyEn: string;
  bodyZh: string;
}

const COST_BOX_EN = [
  'ANNUAL PERCENTAGE RATE (the cost of your credit as a yearly rate): {{apr}}',
  'FINANCE CHARGE (the amount the credit will cost you): {{financeCharge}}',
  'AMOUNT FINANCED (the amount of credit provided to you): {{amountFinanced}}',
  'TOTAL OF PAYMENTS (what you will have paid after all {{instalments}} scheduled payments): {{totalOfPayments}}',
  'Annualised rate (IRR method): {{annualisedRate}} · first payment due {{firstDueDate}} · fees withheld: {{fees}}',
].join('\n');

const COST_BOX_ZH = [
  '年化利率（按内部收益率法计算的借款综合成本）：{{annualisedRate}}',
  '年百分率（APR）：{{apr}}',
  '融资费用（利息及手续费合计）：{{financeCharge}}',
  '实际融资金额（扣除预收费用后实际到手金额）：{{amountFinanced}}',
  '还款总额（{{instalments}} 期全部还清后的总金额）：{{totalOfPayments}}',
  '首期还款日：{{firstDueDate}} · 预扣费用：{{fees}}',
].join('\n');

export const BUILT_IN_TEMPLATES: Record<Stage, Builtin> = {
  application: {
    titleEn: 'Application disclosure for {{applicationNumber}}',
    titleZh: '贷款申请披露 {{applicationNumber}}',
    bodyEn: [
      '{{lenderName}} received your application {{applicationNumber}} for {{requestedAmount}} {{currency}}.',
      'The cost of this loan is its interest plus any fee withheld from the money paid out. If we approve it, we show you',
      'the annual percentage rate, the finance charge, the amount financed and the total of payments before you sign,',
      'and again at final signing. You may withdraw your application at any time before you sign, free of charge.',
      'Your sex, marital status, ethnicity, religion, nationality and disability are never part of our credit decision.',
    ].join('\n'),
    bodyZh: [
      '{{lenderName}} 已收到您的贷款申请 {{applicationNumber}}，申请金额 {{requestedAmount}} {{currency}}。',
      '本贷款的成本为利息及从放款金额中预扣的费用。如获批准，我们将在您签约前及最终签署时向您展示年化利率、',
      '融资费用、实际融资金额和还款总额。签约前您可随时免费撤回申请。',
      '您的性别、婚姻状况、民族、宗教、国籍和残疾状况均不会用于授信决定。',
    ].join('\n'),
  },
  approval: {
    titleEn: 'Your loan offer {{applicationNumber}}: cost of credit',
    titleZh: '您的贷款要约 {{applicationNumber}}：借款成本',
    bodyEn: `Your application {{applicationNumber}} is approved. The cost of the credit we offer:\n${COST_BOX_EN}\nRead it before you sign; ask us if anything is unclear.`,
    bodyZh: `您的贷款申请 {{applicationNumber}} 已获批准。我们提供的贷款成本如下：\n${COST_BOX_ZH}\n请在签约前仔细阅读，如有疑问请联系我们。`,
  },
  signing: {
    titleEn: 'Final disclosure before signing {{applicationNumber}}',
    titleZh: '签约前最终披露 {{applicationNumber}}',
    bodyEn: `These are the final terms of the contract you are about to sign:\n${COST_BOX_EN}\nConsent to electronic records: {{electronicConsent}}. You may ask for paper copies at any time, free of charge.`,
    bodyZh: `以下为您即将签署的合同的最终条款：\n${COST_BOX_ZH}\n电子文件同意：{{electronicConsent}}。您可随时免费索取纸质文本。`,
  },
  privacy: {
    titleEn: 'Annual privacy notice {{year}}',
    titleZh: '{{year}} 年度隐私政策通知',
    bodyEn: [
      '{{lenderName}} collects the personal information you give us and information about your loan to service it,',
      'to report to credit bureaus as the law requires, and to meet our legal duties. We do not sell it. We share it',
      'only with credit bureaus, regulators, your school for enrolment checks and our service providers under contract.',
      'You may ask for a copy of your data, its correction or, where the law allows, its deletion, and you may limit',
      'marketing messages in the portal at any time.',
    ].join('\n'),
    bodyZh: [
      '{{lenderName}} 收集您提供的个人信息及贷款信息，用于贷款管理、依法报送征信及履行法定义务。我们不会出售您的信息，',
      '仅在必要时与征信机构、监管机构、您所在学校（核实在读状态）及签约服务商共享。',
      '您可随时申请查阅、更正或在法律允许时删除您的个人信息，并可在门户中随时关闭营销信息。',
    ].join('\n'),
  },
};
