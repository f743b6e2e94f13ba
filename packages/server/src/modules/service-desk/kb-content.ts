// The starter knowledge base (English and 简体中文) a new desk is seeded with; the search tests
// rank questions against exactly this set.
export interface StarterArticle {
  slug: string;
  category: string;
  en: { title: string; body: string };
  zh: { title: string; body: string };
}

export const STARTER_ARTICLES: readonly StarterArticle[] = [
  {
    slug: 'repay-early',
    category: 'repayment',
    en: {
      title: 'Paying off your loan early',
      body: 'You can repay part or all of your loan early at any time, with no prepayment penalty.\nAsk for a payoff quote in the portal under My loans: it shows the exact amount to settle the loan on a chosen date, including interest accrued to that day.\nPay the quoted amount before the quote expires and the loan closes; a partial prepayment lowers the principal and the later instalments.',
    },
    zh: {
      title: '提前还款',
      body: '您可以随时提前偿还部分或全部贷款，不收取提前还款违约金。\n在学生门户“我的贷款”中申请结清报价，报价会列出在所选日期结清贷款所需的准确金额，包含截至当日的利息。\n在报价有效期内足额还款即可结清贷款；部分提前还款会减少本金和以后的每期还款额。',
    },
  },
  {
    slug: 'deferment-while-studying',
    category: 'relief',
    en: {
      title: 'Deferment and hardship relief',
      body: 'If you return to study, fall ill, lose your job or lose income you can ask to defer payments or for forbearance.\nSubmit a hardship request from My requests and choose the loan; attach evidence such as an enrolment certificate or a medical note.\nWhile deferment is approved no instalments are due; interest may still accrue and is added to the balance afterwards.',
    },
    zh: {
      title: '延期还款与困难帮扶',
      body: '如您继续升学、生病或失去收入，可以申请延期还款或暂缓还款。\n在“我的请求”中提交困难帮扶申请并选择贷款，附上在读证明或医疗证明等材料。\n延期还款获批期间无需还款；利息可能继续计算，延期结束后计入贷款余额。',
    },
  },
  {
    slug: 'interest-subsidy',
    category: 'interest',
    en: {
      title: 'Interest subsidy while you study',
      body: 'For national student loans the state pays the interest while you are a full-time student.\nThe subsidy stops when you graduate or leave school; from then on you pay the interest yourself.\nIf you continue to a master or doctoral degree, report your new enrolment so the subsidy continues.',
    },
    zh: {
      title: '在校期间财政贴息',
      body: '国家助学贷款在您全日制在校就读期间的利息由财政全额贴息。\n毕业或离校后贴息停止，此后的利息由您本人承担。\n如继续攻读硕士或博士学位，请及时报告新的在读信息，以便继续享受贴息。',
    },
  },
  {
    slug: 'change-repayment-account',
    category: 'account',
    en: {
      title: 'Changing your repayment bank card',
      body: 'To change the bank card used for automatic repayments, bring your ID and the new debit card to the branch or send a request from My requests.\nThe new card is used from the next due date after it is verified; keep enough money on the old card until then.\nThe card must be in your own name.',
    },
    zh: {
      title: '更换还款银行卡',
      body: '如需更换自动扣款的还款银行卡，请携带身份证和新的借记卡到网点办理，或在“我的请求”中提交申请。\n新卡验证通过后，从下一个还款日起使用新卡扣款；在此之前请在原卡中留足余额。\n还款银行卡必须是本人名下的银行卡。',
    },
  },
  {
    slug: 'grace-period',
    category: 'repayment',
    en: {
      title: 'Grace period after graduation',
      body: 'After you graduate there is a principal-free grace period during which you pay only interest.\nPrincipal repayments start when the grace period ends; the repayment schedule in My loans shows the first principal instalment.\nYou can start repaying principal earlier if you wish.',
    },
    zh: {
      title: '毕业后的还本宽限期',
      body: '毕业后有还本宽限期，宽限期内只需支付利息，无需偿还本金。\n宽限期结束后开始偿还本金，您可以在“我的贷款”的还款计划中查看第一期还本日期。\n如您愿意，也可以提前开始偿还本金。',
    },
  },
  {
    slug: 'overdue-and-credit-report',
    category: 'repayment',
    en: {
      title: 'Missed payments and your credit report',
      body: 'If a payment is missed, penalty interest is charged on the overdue amount from the day after the due date.\nOverdue loans are reported to the credit bureau and stay on your credit record, which can affect future loans, cards and jobs.\nPay the overdue amount as soon as possible, or contact us early about a hardship arrangement.',
    },
    zh: {
      title: '逾期还款与个人征信',
      body: '未按时还款的，自还款日次日起对逾期金额计收罚息。\n逾期信息将报送征信系统并保留在您的信用记录中，可能影响今后办理贷款、信用卡甚至求职。\n请尽快归还逾期款项，如有困难请及早联系我们申请困难帮扶。',
    },
  },
  {
    slug: 'how-to-complain',
    category: 'service',
    en: {
      title: 'How to make a complaint',
      body: 'You can complain in the portal under My requests, by email, by phone or at any branch.\nWe confirm receipt quickly and give you a final answer within 15 days; complex cases may take longer and we will tell you why.\nIf you are not satisfied with our answer you may take the complaint to the financial regulator.',
    },
    zh: {
      title: '如何投诉',
      body: '您可以在学生门户“我的请求”中、通过电子邮件、电话或到任一网点提出投诉。\n我们会尽快确认受理，并在15日内给予答复；情况复杂的会说明原因。\n如对处理结果不满意，您可以向金融监管部门反映。',
    },
  },
  {
    slug: 'fraud-warning',
    category: 'security',
    en: {
      title: 'Scams: protect yourself from fraud',
      body: 'We never ask for your password, verification code or a transfer to a "safe account".\nIf someone calls claiming to be from the bank or a school and asks you to transfer money or cancel a loan, it is a scam: hang up and call us on the official number.\nReport suspected fraud or identity theft immediately so we can protect your account.',
    },
    zh: {
      title: '防范电信诈骗',
      body: '我们绝不会索要您的密码、验证码，也不会要求您向“安全账户”转账。\n如有人冒充银行或学校工作人员来电，要求您转账或“注销校园贷”，这是诈骗，请立即挂断并拨打官方电话核实。\n如发现疑似诈骗或身份被冒用，请立即报告，我们会保护您的账户。',
    },
  },
];

export const STARTER_CANNED_REPLIES = [
  {
    code: 'acknowledge',
    en: {
      title: 'Acknowledge',
      body: 'Thank you for contacting us. We have received your request and are looking into it; we will reply within one business day.',
    },
    zh: { title: '确认受理', body: '感谢您联系我们。我们已收到您的请求并正在处理，将在一个工作日内答复您。' },
  },
  {
    code: 'complaint-received',
    en: {
      title: 'Complaint received',
      body: 'We are sorry for the trouble. Your complaint has been registered and a complaint handler is investigating; you will have our final answer within 15 days.',
    },
    zh: {
      title: '投诉已受理',
      body: '给您带来不便，我们深表歉意。您的投诉已登记，专人正在调查处理，我们将在15日内给予最终答复。',
    },
  },
  {
    code: 'need-documents',
    en: {
      title: 'Ask for documents',
      body: 'To continue, please attach a photo or PDF of the supporting document (for example an enrolment certificate) to this request.',
    },
    zh: { title: '补充材料', body: '为继续办理，请在本请求中上传相关证明材料（如在读证明）的照片或PDF。' },
  },
  {
    code: 'resolved',
    en: {
      title: 'Resolved',
      body: 'We have completed the change you asked for. If anything is still not right, just reply to this message and we will pick it up again.',
    },
    zh: { title: '已解决', body: '您申请的事项已办理完成。如仍有问题，直接回复本消息，我们会继续跟进。' },
  },
] as const;
