// Built-in templates and journeys a lender switches on: repayment reminders before and after
// due dates, graduation → grace → first-payment onboarding, periodic follow-up visits (回访),
// a financial-literacy series, product updates and birthday greetings.
import type { JourneyDefinition } from '@bursar/core';
import type { TemplateInput } from './templates.service.ts';

type Pair = Omit<TemplateInput, 'language' | 'subject' | 'body' | 'shortBody'> & {
  en: { subject: string; body: string; shortBody?: string };
  zh: { subject: string; body: string; shortBody?: string };
};

const T: Pair[] = [
  {
    code: 'repayment-reminder',
    category: 'service',
    purpose: 'repayment_reminder',
    name: 'Repayment reminder 还款提醒',
    en: {
      subject: 'Your payment of {{loan.amountDue}} is due on {{loan.dueDate}}',
      body: 'Dear {{customer.name}},\n\nThis is a reminder that your student loan payment of {{loan.amountDue}} is due on {{loan.dueDate}}. Please make sure your account has enough funds.\n\nQuestions? Call {{lender.phone}}.\n{{lender.name}}',
      shortBody:
        '{{lender.name}}: your payment of {{loan.amountDue}} is due on {{loan.dueDate}}. Questions: {{lender.phone}}',
    },
    zh: {
      subject: '还款提醒：{{loan.dueDate}} 应还 {{loan.amountDue}}',
      body: '{{customer.name}} 您好：\n\n您的助学贷款将于 {{loan.dueDate}} 到期还款，应还金额 {{loan.amountDue}}。请确保还款账户余额充足。\n\n如有疑问请致电 {{lender.phone}}。\n{{lender.name}}',
      shortBody:
        '【{{lender.name}}】您的助学贷款将于{{loan.dueDate}}还款{{loan.amountDue}}，请确保账户余额充足。咨询{{lender.phone}}',
    },
  },
  {
    code: 'payment-missed',
    category: 'regulated',
    purpose: 'arrears_notice',
    name: 'Missed payment notice 逾期通知',
    en: {
      subject: 'We did not receive your payment due on {{loan.dueDate}}',
      body: 'Dear {{customer.name}},\n\nWe have not received the payment of {{loan.amountDue}} that was due on {{loan.dueDate}}. Penalty interest may apply and late payments may be reported to the credit bureau. Please pay as soon as possible or call {{lender.phone}} to discuss options such as deferment.\n{{lender.name}}',
      shortBody:
        '{{lender.name}}: payment of {{loan.amountDue}} due {{loan.dueDate}} not received. Please pay or call {{lender.phone}}.',
    },
    zh: {
      subject: '逾期通知：{{loan.dueDate}} 的还款未收到',
      body: '{{customer.name}} 您好：\n\n您于 {{loan.dueDate}} 到期的还款 {{loan.amountDue}} 尚未收到。逾期将产生罚息，并可能报送征信系统。请尽快还款，或致电 {{lender.phone}} 咨询延期还款等方案。\n{{lender.name}}',
      shortBody:
        '【{{lender.name}}】您{{loan.dueDate}}应还的{{loan.amountDue}}尚未收到，逾期将产生罚息并可能影响征信，请尽快还款或致电{{lender.phone}}',
    },
  },
  {
    code: 'arrears-letter',
    category: 'regulated',
    purpose: 'arrears_notice',
    name: 'Arrears letter 逾期催告函',
    en: {
      subject: 'Notice of arrears',
      body: 'Dear {{customer.name}},\n\nYour student loan is {{loan.daysPastDue}} days past due. The overdue amount must be paid to avoid further penalty interest and reporting to the credit bureau. Please contact us on {{lender.phone}}.\n\n{{lender.name}}',
    },
    zh: {
      subject: '逾期催告函',
      body: '{{customer.name}} 同学：\n\n您的助学贷款已逾期 {{loan.daysPastDue}} 天。请尽快归还逾期款项，以免产生更多罚息并影响个人征信记录。请致电 {{lender.phone}} 与我们联系。\n\n{{lender.name}}',
    },
  },
  {
    code: 'graduation-congrats',
    category: 'service',
    purpose: 'onboarding',
    name: 'Graduation and grace period 毕业与宽限期',
    en: {
      subject: 'Congratulations on your graduation, {{customer.name}}',
      body: 'Dear {{customer.name}},\n\nCongratulations on finishing at {{school.name}}! Your loan now moves towards repayment: after graduation you have a grace period in which you pay interest only. We will remind you before your first payment. Keep your contact details up to date in the portal.\n{{lender.name}}',
    },
    zh: {
      subject: '{{customer.name}}，祝贺您即将毕业',
      body: '{{customer.name}} 同学：\n\n祝贺您即将从{{school.nameLocal}}毕业！毕业后您的贷款进入还本宽限期，期间只需支付利息。首次还款前我们会提醒您。请在网上服务平台及时更新联系方式。\n{{lender.name}}',
    },
  },
  {
    code: 'first-payment-guide',
    category: 'service',
    purpose: 'onboarding',
    name: 'First payment guide 首次还款指引',
    en: {
      subject: 'Your grace period ends on {{loan.graceEndDate}}',
      body: 'Dear {{customer.name}},\n\nYour grace period ends on {{loan.graceEndDate}} and your first principal payment follows. Set up automatic payment in the portal, or call {{lender.phone}} if you need help choosing a repayment plan.\n{{lender.name}}',
    },
    zh: {
      subject: '您的还本宽限期将于 {{loan.graceEndDate}} 结束',
      body: '{{customer.name}} 同学：\n\n您的还本宽限期将于 {{loan.graceEndDate}} 结束，之后开始偿还本金。建议在网上服务平台开通自动扣款；如需选择还款方式，请致电 {{lender.phone}}。\n{{lender.name}}',
    },
  },
  ...[1, 2, 3].map((n): Pair => ({
    code: `financial-literacy-${n}`,
    category: 'marketing',
    purpose: 'financial_literacy',
    name: `Financial literacy ${n} 金融知识普及 ${n}`,
    en: {
      subject: [
        'Budgeting on a student income',
        'How interest on your loan works',
        'Building a good credit record',
      ][n - 1]!,
      body: `Dear {{customer.name}},\n\n${['A simple monthly budget keeps your loan payments on track: list income, fixed costs, then savings.', 'Interest accrues daily on the outstanding principal; paying early reduces the total you pay.', 'Paying on time builds your credit record, which helps with rent, jobs and future loans.'][n - 1]}\n{{lender.name}}`,
    },
    zh: {
      subject: ['学会做预算', '了解贷款利息如何计算', '珍惜个人信用记录'][n - 1]!,
      body: `{{customer.name}} 同学：\n\n${['每月做一个简单预算：先列收入，再列固定支出，最后安排储蓄，按时还款更轻松。', '贷款利息按日计算，提前还款可以减少总利息支出。', '按时还款能积累良好的征信记录，对租房、求职和未来贷款都有帮助。'][n - 1]}\n{{lender.name}}`,
    },
  })),
  {
    code: 'product-update',
    category: 'marketing',
    purpose: 'product_update',
    name: 'Product update 产品更新',
    en: {
      subject: 'News from {{lender.name}}',
      body: 'Dear {{customer.name}},\n\nWe have improved our student loan products and online services. See what is new in the portal.\n{{lender.name}}',
    },
    zh: {
      subject: '{{lender.name}} 产品更新',
      body: '{{customer.name}} 同学：\n\n我们优化了助学贷款产品和线上服务，欢迎登录网上服务平台了解详情。\n{{lender.name}}',
    },
  },
  {
    code: 'birthday-greeting',
    category: 'marketing',
    purpose: 'relationship',
    name: 'Birthday greeting 生日祝福',
    en: {
      subject: 'Happy birthday, {{customer.name}}!',
      body: 'Dear {{customer.name}},\n\nEveryone at {{lender.name}} wishes you a happy birthday and a great year ahead.',
    },
    zh: {
      subject: '{{customer.name}}，生日快乐！',
      body: '{{customer.name}} 同学：\n\n{{lender.name}} 全体同事祝您生日快乐，学业进步！',
    },
  },
  {
    code: 'campus-event-thanks',
    category: 'marketing',
    purpose: 'relationship',
    name: 'Campus event follow-up 宣讲会回访',
    en: {
      subject: 'Thank you for visiting us on campus',
      body: 'Dear {{customer.name}},\n\nThank you for coming to our campus information session. If you would like to finance your studies, you can apply online in the student portal in a few minutes, or reply to this message and your loan officer will call you.\n{{lender.name}}',
      shortBody:
        '{{lender.name}}: thanks for visiting our campus session. Apply online in the student portal, or reply and we will call you.',
    },
    zh: {
      subject: '感谢参加我们的校园宣讲会',
      body: '{{customer.name}} 同学：\n\n感谢您参加我们的校园宣讲会。如需办理助学贷款，可在网上服务平台几分钟内在线申请，也可直接回复本消息，客户经理将与您联系。\n{{lender.name}}',
      shortBody:
        '【{{lender.name}}】感谢参加校园宣讲会，可在网上服务平台在线申请助学贷款，回复本短信客户经理将联系您。',
    },
  },
];

export const BUILT_IN_TEMPLATES: TemplateInput[] = T.flatMap((t) => {
  const { en, zh, ...rest } = t;
  return [
    { ...rest, language: 'en' as const, ...en },
    { ...rest, language: 'zh-CN' as const, ...zh },
  ];
});

export interface BuiltInJourney {
  code: string;
  name: { en: string; 'zh-CN': string };
  description: string;
  holdoutPercent: number;
  definition: JourneyDefinition;
}

export const BUILT_IN_JOURNEYS: BuiltInJourney[] = [
  {
    code: 'repayment-reminder-before',
    name: { en: 'Repayment reminder before the due date', 'zh-CN': '到期前还款提醒' },
    description:
      'When servicing reports a payment due soon: a reminder on the preferred channel. 10 % hold-out measures the effect on on-time payment.',
    holdoutPercent: 10,
    definition: {
      triggers: [{ type: 'payment.due_soon' }],
      steps: [{ id: 'remind', kind: 'send', template: 'repayment-reminder', purpose: 'service' }],
    },
  },
  {
    code: 'repayment-reminder-after',
    name: { en: 'Missed payment follow-up', 'zh-CN': '逾期后跟进' },
    description:
      'A missed payment: the legally required notice, a call task after 3 days if still unpaid, an arrears letter after 10 more days.',
    holdoutPercent: 0,
    definition: {
      triggers: [{ type: 'payment.missed' }],
      steps: [
        { id: 'notice', kind: 'send', template: 'payment-missed', purpose: 'service', legallyRequired: true },
        { id: 'wait-3d', kind: 'wait', days: 3 },
        {
          id: 'paid-1',
          kind: 'branch',
          condition: { fact: 'run.paid', op: 'eq', value: true },
          then: 'end',
          else: 'call',
        },
        {
          id: 'call',
          kind: 'task',
          title: 'Call about the missed payment 逾期电话提醒',
          dueInDays: 1,
          queue: 'collections',
        },
        { id: 'wait-10d', kind: 'wait', days: 10 },
        {
          id: 'paid-2',
          kind: 'branch',
          condition: { fact: 'run.paid', op: 'eq', value: true },
          then: 'end',
          else: 'letter',
        },
        {
          id: 'letter',
          kind: 'send',
          template: 'arrears-letter',
          channel: 'post',
          purpose: 'service',
          legallyRequired: true,
        },
      ],
    },
  },
  {
    code: 'graduation-onboarding',
    name: { en: 'Graduation → grace → first payment', 'zh-CN': '毕业—宽限期—首次还款引导' },
    description:
      '60 days before expected graduation: congratulations and what grace means; 30 days later a reminder to update contact details; at grace end the first-payment guide and a call.',
    holdoutPercent: 0,
    definition: {
      triggers: [{ type: 'graduation.approaching', daysBefore: 60 }],
      steps: [
        { id: 'congrats', kind: 'send', template: 'graduation-congrats', purpose: 'service' },
        { id: 'wait-30d', kind: 'wait', days: 30 },
        { id: 'literacy', kind: 'send', template: 'financial-literacy-1', purpose: 'marketing' },
      ],
    },
  },
  {
    code: 'first-payment',
    name: { en: 'First payment after grace', 'zh-CN': '宽限期结束首次还款' },
    description:
      'When the grace period is about to end: the first-payment guide, then an onboarding call by the relationship manager.',
    holdoutPercent: 0,
    definition: {
      triggers: [{ type: 'grace.ending', daysBefore: 30 }],
      steps: [
        { id: 'guide', kind: 'send', template: 'first-payment-guide', purpose: 'service' },
        { id: 'wait-7d', kind: 'wait', days: 7 },
        {
          id: 'call',
          kind: 'task',
          title: 'First-payment onboarding call 首次还款引导电话',
          dueInDays: 3,
          queue: 'relationship',
        },
      ],
    },
  },
  {
    code: 'follow-up-visits',
    name: { en: 'Follow-up visits (回访) for high-value and at-risk borrowers', 'zh-CN': '重点客户定期回访' },
    description:
      'High-value disbursements (≥ 50,000) and borrowers moving into arrears get a relationship-manager visit task now and every 90 days while they stay active.',
    holdoutPercent: 0,
    definition: {
      triggers: [
        {
          type: 'loan.disbursed',
          condition: { fact: 'event.amount', op: 'gte', value: 5_000_000 },
          dedupe: 'customer',
        },
        {
          type: 'delinquency.bucket_changed',
          condition: { fact: 'event.daysPastDue', op: 'gte', value: 30 },
          dedupe: 'customer',
        },
      ],
      steps: [
        { id: 'visit', kind: 'task', title: '回访 Follow-up visit', dueInDays: 7, queue: 'relationship' },
        { id: 'wait-90d', kind: 'wait', days: 90 },
        {
          id: 'still-active',
          kind: 'branch',
          condition: { fact: 'customer.status', op: 'eq', value: 'active' },
          then: 'visit',
          else: 'end',
        },
      ],
    },
  },
  {
    code: 'financial-literacy',
    name: { en: 'Financial-literacy series', 'zh-CN': '金融知识普及系列' },
    description:
      'After disbursement, three short lessons a month apart (marketing: only with consent). 10 % hold-out.',
    holdoutPercent: 10,
    definition: {
      triggers: [{ type: 'loan.disbursed' }],
      steps: [
        { id: 'lesson-1', kind: 'send', template: 'financial-literacy-1', purpose: 'marketing' },
        { id: 'wait-1', kind: 'wait', days: 30 },
        { id: 'lesson-2', kind: 'send', template: 'financial-literacy-2', purpose: 'marketing' },
        { id: 'wait-2', kind: 'wait', days: 30 },
        { id: 'lesson-3', kind: 'send', template: 'financial-literacy-3', purpose: 'marketing' },
      ],
    },
  },
  {
    code: 'product-updates',
    name: { en: 'Product updates', 'zh-CN': '产品更新通知' },
    description: 'Staff enrol a segment; each member gets the product update (marketing: only with consent).',
    holdoutPercent: 0,
    definition: {
      triggers: [{ type: 'manual' }],
      steps: [{ id: 'update', kind: 'send', template: 'product-update', purpose: 'marketing' }],
    },
  },
  {
    code: 'birthday',
    name: { en: 'Birthday greeting', 'zh-CN': '生日祝福' },
    description: 'A greeting on the customer’s birthday (marketing: only with consent).',
    holdoutPercent: 0,
    definition: {
      triggers: [{ type: 'customer.birthday' }],
      steps: [
        { id: 'greet', kind: 'send', template: 'birthday-greeting', channel: 'portal', purpose: 'marketing' },
      ],
    },
  },
  {
    code: 'campus-event-follow-up',
    name: { en: 'Campus event follow-up', 'zh-CN': '宣讲会后续跟进' },
    description:
      'Growth reports an attendee of a campus event: a thank-you with how to apply the next day, then a call task for the loan officer after 7 days (marketing: only with consent).',
    holdoutPercent: 0,
    definition: {
      triggers: [{ type: 'growth.event.attended', dedupe: 'customer' }],
      steps: [
        { id: 'wait-1d', kind: 'wait', days: 1 },
        { id: 'thanks', kind: 'send', template: 'campus-event-thanks', purpose: 'marketing' },
        { id: 'wait-7d', kind: 'wait', days: 7 },
        {
          id: 'call',
          kind: 'task',
          title: 'Call the campus event attendee about applying 宣讲会学生回访电话',
          dueInDays: 2,
          queue: 'relationship',
        },
      ],
    },
  },
];
