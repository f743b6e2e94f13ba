// Demo data for the compliance programme: the training catalogue assigned by role with every demo
// staff member current, one lapsed loan officer (officer.lapsed) to show the training gate, a
// fair-lending monitoring run, and an internal-review sample with one finding.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@bursar/core';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import { createUser, listUsers } from '../identity/index.ts';
import { runMonitoring } from './fair-lending.service.ts';
import { drawSample, reviewItem, CHECKLISTS } from './review.service.ts';
import * as trainingRepo from './training.repository.ts';
import { saveCourse, type CourseInput, type CourseView } from './training.service.ts';

const LENDER_STAFF: Role[] = [
  'admin',
  'manager',
  'loan_officer',
  'service_agent',
  'risk_analyst',
  'compliance_auditor',
];
const DAY_MS = 86_400_000;

const q = (en: string, zh: string, options: [string, string][], answer: number) => ({
  en,
  zh,
  options: options.map(([oen, ozh]) => ({ en: oen, zh: ozh })),
  answer,
});

export const DEMO_COURSES: CourseInput[] = [
  {
    code: 'lending-compliance',
    kind: 'course',
    category: 'compliance',
    titleEn: 'Responsible lending and disclosures',
    titleZh: '负责任放贷与信息披露',
    contentEn:
      'Every borrower sees the annual percentage rate, finance charge, amount financed and total of payments at application, approval and signing, and acknowledges each. A decline always sends an adverse-action notice with the principal reasons. Protected attributes never enter a decision.',
    contentZh:
      '每位借款人在申请、审批和签约时都会看到年化利率、融资费用、实际融资金额和还款总额，并逐一确认。拒绝贷款时必须发送列明主要原因的不利决定通知。受保护属性绝不用于授信决定。',
    quiz: [
      q(
        'When must a declined applicant receive an adverse-action notice?',
        '被拒绝的申请人何时必须收到不利决定通知？',
        [
          ['Always', '始终'],
          ['Only if they ask', '仅在其要求时'],
          ['Never', '从不'],
        ],
        0,
      ),
      q(
        'May marital status be used in a credit decision?',
        '婚姻状况可以用于授信决定吗？',
        [
          ['Yes', '可以'],
          ['No', '不可以'],
        ],
        1,
      ),
    ],
    passMark: 100,
    validityMonths: 12,
    roles: LENDER_STAFF,
  },
  {
    code: 'privacy-basics',
    kind: 'course',
    category: 'privacy',
    titleEn: 'Protecting personal data',
    titleZh: '个人信息保护',
    contentEn:
      'Unmask a national ID or phone number only when the task needs it: every reveal is audited. Never send personal data by personal e-mail or chat. Report a suspected breach to compliance at once.',
    contentZh:
      '仅在工作确需时才查看身份证号或手机号明文，每次查看都会被审计。切勿通过私人邮箱或聊天工具发送个人信息。发现疑似泄露请立即报告合规部门。',
    quiz: [
      q(
        'Is revealing a national ID audited?',
        '查看身份证号明文会被审计吗？',
        [
          ['Yes', '会'],
          ['No', '不会'],
        ],
        0,
      ),
      q(
        'Where do you report a suspected breach?',
        '疑似信息泄露应向谁报告？',
        [
          ['Compliance', '合规部门'],
          ['Nobody', '无需报告'],
        ],
        0,
      ),
    ],
    passMark: 100,
    validityMonths: 12,
    roles: LENDER_STAFF,
  },
  {
    code: 'anti-fraud',
    kind: 'course',
    category: 'anti_fraud',
    titleEn: 'Recognising application fraud',
    titleZh: '识别申请欺诈',
    contentEn:
      'Warning signs: a national ID already used by another applicant, a changed payee account just before disbursement, documents whose details do not match. Refer, never approve, when in doubt.',
    contentZh:
      '预警信号：身份证号已被其他申请人使用、放款前突然变更收款账户、证明材料信息不一致。如有疑问请转交复核，切勿直接批准。',
    quiz: [
      q(
        'A payee account changed the day before disbursement. What do you do?',
        '放款前一天收款账户被变更，应如何处理？',
        [
          ['Disburse anyway', '照常放款'],
          ['Re-verify and wait for the cooling-off period', '重新核实并等待冷静期'],
        ],
        1,
      ),
    ],
    passMark: 100,
    validityMonths: 12,
    roles: ['admin', 'manager', 'loan_officer', 'service_agent', 'compliance_auditor'],
  },
  {
    code: 'service-standards',
    kind: 'course',
    category: 'service_standards',
    titleEn: 'Service standards and complaints',
    titleZh: '服务标准与投诉处理',
    contentEn:
      'Acknowledge a complaint within one working day, resolve it within its SLA, and tell the borrower how to escalate.',
    contentZh: '投诉须在一个工作日内确认受理，在服务时效内解决，并告知借款人升级渠道。',
    quiz: [
      q(
        'How fast must a complaint be acknowledged?',
        '投诉须在多长时间内确认受理？',
        [
          ['One working day', '一个工作日'],
          ['One month', '一个月'],
        ],
        0,
      ),
    ],
    passMark: 100,
    validityMonths: 12,
    roles: ['manager', 'service_agent'],
  },
  {
    code: 'code-of-conduct',
    kind: 'attestation',
    category: 'conduct',
    titleEn: 'Code of conduct (yearly attestation)',
    titleZh: '员工行为守则（年度声明）',
    contentEn:
      'I act honestly and in the borrower’s interest, declare conflicts of interest, accept no gifts from applicants or schools, and report misconduct.',
    contentZh: '本人诚实守信、维护借款人利益，申报利益冲突，不收受申请人或学校的礼品，并举报违规行为。',
    quiz: [],
    passMark: 100,
    validityMonths: 12,
    roles: LENDER_STAFF,
  },
];

function demoPassword(): string {
  return randomBytes(12).toString('base64url');
}

export async function seedDemoComplianceProgramme(deps: Deps, opts: { password?: string | undefined } = {}) {
  const ctx: ActorContext = { ...SYSTEM_ACTOR, actorName: 'demo-seed' };
  const now = deps.now();
  const courses: CourseView[] = [];
  for (const c of DEMO_COURSES) courses.push(await saveCourse(deps, ctx, c));
  // The lapsed officer: a loan officer whose training expired a month ago (the gate refuses them).
  await createUser(deps, SYSTEM_ACTOR, {
    username: 'officer.lapsed',
    displayName: 'Liu Lapsed (training lapsed)',
    email: 'officer.lapsed@demo.bursar.example',
    password: opts.password ?? demoPassword(),
    roles: ['loan_officer'],
    locale: 'en',
  });
  const { items: users } = await listUsers(deps, { status: 'active' }, { limit: 1000, offset: 0 });
  const byName = new Map(users.map((u) => [u.username, u]));
  await deps.database.db.transaction(async (tx) => {
    for (const u of users) {
      const lapsed = u.username === 'officer.lapsed';
      const completedAt = new Date(now.getTime() - (lapsed ? 395 : 20) * DAY_MS);
      const validUntil = new Date(completedAt);
      validUntil.setUTCMonth(validUntil.getUTCMonth() + 12);
      for (const c of courses) {
        if (!c.roles.some((r) => u.roles.includes(r))) continue;
        await trainingRepo.insertAttempt(tx, {
          id: randomUUID(),
          courseId: c.id,
          courseCode: c.code,
          courseVersion: c.version,
          userId: u.id,
          userName: u.username,
          score: 100,
          passed: true,
          answers: [],
          statement: c.kind === 'attestation' ? 'affirmed (demo)' : null,
          completedAt,
          validUntil,
        });
      }
    }
  });
  const today = now.toISOString().slice(0, 10);
  const yearAgo = new Date(now.getTime() - 365 * DAY_MS).toISOString().slice(0, 10);
  await runMonitoring(deps, ctx, { from: yearAgo, to: today, minGroupSize: 5 });
  const auditor = byName.get('auditor');
  if (!auditor) return;
  const auditorCtx: ActorContext = {
    ...ctx,
    actorId: auditor.id,
    actorName: auditor.username,
    actorRole: 'compliance_auditor',
  };
  const sample = await drawSample(
    deps,
    auditorCtx,
    { userId: auditor.id },
    { from: yearAgo, to: today, ratePercent: 10, seed: 'demo-2026' },
  );
  const item = sample.items.find((i) => i.subjectType === 'credit_decision') ?? sample.items[0];
  if (!item) return;
  const answers = Object.fromEntries(
    CHECKLISTS[item.subjectType].map((c, k) => [c.key, k === 0 ? 'no' : 'yes']),
  ) as Record<string, 'yes' | 'no' | 'na'>;
  const manager = byName.get('manager');
  await reviewItem(deps, auditorCtx, { userId: auditor.id }, item.id, {
    answers,
    note: 'Demo: the policy exception was not justified in the file.',
    finding: {
      title: 'Policy exception without a recorded justification',
      detail:
        'The decision departed from the credit policy and the file does not say why. Record the justification and brief the team.',
      severity: 'medium',
      ...(manager ? { ownerId: manager.id } : { ownerName: 'Credit manager' }),
      dueDate: new Date(now.getTime() + 10 * DAY_MS).toISOString().slice(0, 10),
    },
  });
}
