// The built-in "student loan satisfaction" survey (学生贷款满意度调查): six dimensions of three
// Likert items each, overall satisfaction, NPS, a reason for detractors and an open comment.
import type { Bilingual, Question, SurveyDefinition } from './definition.ts';

const t = (en: string, zh: string): Bilingual => ({ en, 'zh-CN': zh });

const DIMENSIONS: { code: string; name: Bilingual; items: Bilingual[] }[] = [
  {
    code: 'application',
    name: t('Application convenience', '申请便利性'),
    items: [
      t('The application form was easy to understand.', '申请表内容清晰易懂。'),
      t('It was easy to gather and upload the documents needed.', '所需材料容易准备和上传。'),
      t('Applying took a reasonable amount of my time.', '申请过程花费的时间合理。'),
    ],
  },
  {
    code: 'approval',
    name: t('Approval speed and transparency', '审批速度与透明度'),
    items: [
      t('My application was decided quickly.', '我的申请审批速度快。'),
      t('I always knew where my application stood.', '我随时能了解申请的进度。'),
      t('The reasons for the decision were explained clearly.', '审批结果的原因解释得清楚。'),
    ],
  },
  {
    code: 'pricing',
    name: t('Rates and fees', '利率与费用'),
    items: [
      t('The interest rate is fair.', '贷款利率合理。'),
      t('All fees were disclosed up front.', '各项费用事先已充分告知。'),
      t('I understand how much I will repay in total.', '我清楚自己总共需要还款多少。'),
    ],
  },
  {
    code: 'staff',
    name: t('Staff professionalism and attitude', '工作人员专业度与服务态度'),
    items: [
      t('Staff knew the answers to my questions.', '工作人员能专业地解答我的问题。'),
      t('Staff were courteous and patient.', '工作人员态度友善、有耐心。'),
      t('My problem was solved at the first contact.', '我的问题在首次联系时就得到解决。'),
    ],
  },
  {
    code: 'repayment',
    name: t('Repayment flexibility', '还款灵活性'),
    items: [
      t('The repayment schedule suits my situation.', '还款计划符合我的实际情况。'),
      t('It is easy to change my repayment date or method.', '更改还款日或还款方式很方便。'),
      t('I know what help is available if I cannot pay.', '我知道还款困难时可以获得哪些帮助。'),
    ],
  },
  {
    code: 'platform',
    name: t('Online platform experience', '线上平台体验'),
    items: [
      t('The website and app are easy to use.', '网站和手机应用操作简便。'),
      t('I can find my loan information online quickly.', '我能在线快速查到贷款信息。'),
      t('Online services work reliably.', '线上服务运行稳定可靠。'),
    ],
  },
];

export const STUDENT_LOAN_TEMPLATE_CODE = 'student-loan-satisfaction';

export function studentLoanSatisfactionTemplate(): { name: Bilingual; definition: SurveyDefinition } {
  const sections = DIMENSIONS.map((d) => ({
    id: d.code,
    title: d.name,
    questions: d.items.map((text, i): Question => ({
      id: `${d.code}_${i + 1}`,
      type: 'likert',
      text,
      required: true,
      dimension: d.code,
    })),
  }));
  sections.push({
    id: 'overall',
    title: t('Overall', '总体评价'),
    questions: [
      {
        id: 'overall',
        type: 'likert',
        role: 'overall',
        required: true,
        text: t(
          'Overall, how satisfied are you with your student loan service?',
          '总体而言，您对助学贷款服务的满意程度如何？',
        ),
      },
      {
        id: 'nps',
        type: 'nps',
        role: 'nps',
        required: true,
        text: t(
          'How likely are you to recommend us to a fellow student? (0 = not at all, 10 = extremely)',
          '您向同学推荐我们的可能性有多大？（0 = 完全不可能，10 = 非常可能）',
        ),
      },
      {
        id: 'main_issue',
        type: 'single',
        required: false,
        showIf: { question: 'nps', op: 'lte', value: 6 },
        text: t('What disappointed you most?', '最让您不满意的是哪方面？'),
        options: DIMENSIONS.map((d) => ({ value: d.code, label: d.name })),
      },
      {
        id: 'comment',
        type: 'text',
        role: 'comment',
        required: false,
        text: t('What should we do better?', '您认为我们还有哪些需要改进的地方？'),
      },
    ],
  });
  return {
    name: t('Student loan satisfaction', '学生贷款满意度调查'),
    definition: {
      dimensions: DIMENSIONS.map((d) => ({ code: d.code, name: d.name })),
      sections,
      closedLoop: { lowScore: 2, detractor: 6 },
    },
  };
}
