// Demo survey data: the built-in student loan survey, a spring wave in which the online platform
// is the weak dimension, an improvement action (a new app release) that is done, an autumn
// verification wave to a different group in which the platform has recovered, and an open wave
// fed by resolved tickets. Answers come from a seeded generator (a latent satisfaction per person
// plus per-dimension levels), so the figures look real and are the same on every install.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  allQuestions,
  followUpReason,
  seededRandom,
  studentLoanSatisfactionTemplate,
  type Answers,
  type SurveyDefinition,
} from '@bursar/core';
import { rowsOf, type Executor } from '../../db/database.ts';
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts } from '../customers/index.ts';
import { installStudentLoanSurvey } from './surveys.service.ts';
import * as repo from './surveys.repository.ts';

type Levels = Record<string, number>;
const SPRING: Levels = {
  application: 3.9,
  approval: 3.5,
  pricing: 3.6,
  staff: 4.2,
  repayment: 3.4,
  platform: 2.5,
};
const AUTUMN: Levels = { ...SPRING, platform: 3.8, approval: 3.6 };
const WEIGHTS: Levels = {
  application: 0.1,
  approval: 0.2,
  pricing: 0.15,
  staff: 0.2,
  repayment: 0.1,
  platform: 0.25,
};
const PRODUCTS = ['national-student-loan', 'home-region-credit-loan', 'tuition-loan', 'living-expense-loan'];
const GRADES = ['A', 'B', 'B', 'C', 'C', 'D', 'E'];

const COMMENTS: Record<string, string[]> = {
  platform: [
    '手机应用经常闪退，登录很麻烦',
    '网站查询还款计划太慢了',
    'The app keeps crashing when I log in',
    'The website is slow and the app logs me out',
    '线上平台不稳定，希望改进登录',
  ],
  approval: ['审批时间太长，不知道进度', 'Approval took weeks and nobody told me the status'],
  repayment: ['希望还款日可以自己选择', 'I would like to change my repayment date online'],
  pricing: ['费用说明不够清楚', 'Fees were not clear at the start'],
  staff: ['客服态度很好，解答专业', 'Staff were friendly and helpful'],
  good: ['整体很满意，谢谢', 'Great service, thank you', '客服态度好，办理方便'],
};

function clamp(v: number, lo: number, hi: number) {
  return Math.max(lo, Math.min(hi, Math.round(v)));
}

function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function answersFor(def: SurveyDefinition, levels: Levels, r: () => number): Answers {
  const person = normal(r) * 0.7;
  const a: Answers = {};
  const dims: Levels = {};
  for (const d of def.dimensions) {
    const own = normal(r) * 0.5;
    const items = allQuestions(def).filter((q) => q.dimension === d.code);
    let sum = 0;
    for (const q of items) {
      const v = clamp(levels[d.code]! + person + own + normal(r) * 0.5, 1, 5);
      a[q.id] = v;
      sum += v;
    }
    dims[d.code] = sum / items.length;
  }
  const weighted = Object.entries(WEIGHTS).reduce((s, [k, w]) => s + w * dims[k]!, 0);
  const overall = clamp(weighted + normal(r) * 0.45, 1, 5);
  a.overall = overall;
  a.nps = clamp(2.3 * overall - 1.2 + normal(r) * 1.1, 0, 10);
  const weakest = Object.entries(dims).sort((x, y) => x[1] - y[1])[0]![0];
  if (a.nps <= 6) a.main_issue = weakest;
  if (r() < 0.45) {
    const pool = overall >= 4 ? COMMENTS.good! : (COMMENTS[weakest] ?? COMMENTS.good!);
    a.comment = pool[Math.floor(r() * pool.length)]!;
  }
  return a;
}

async function seedWave(
  tx: Executor,
  deps: Deps,
  s: {
    code: string;
    name: string;
    versionId: string;
    surveyId: string;
    customers: string[];
    levels: Levels;
    openedAt: Date;
    closedAt: Date | null;
    responseRate: number;
    seed: number;
    kind?: 'manual' | 'event';
    triggerEvent?: string;
    verifiesActionId?: string;
    closedLoop: 'history' | 'none';
  },
): Promise<repo.WaveRow> {
  const r = seededRandom(s.seed);
  const def = studentLoanSatisfactionTemplate().definition;
  const wave = await repo.insertWave(tx, {
    id: randomUUID(),
    code: s.code,
    name: s.name,
    surveyId: s.surveyId,
    versionId: s.versionId,
    kind: s.kind ?? 'manual',
    triggerEvent: s.triggerEvent ?? null,
    channel: 'email',
    status: s.closedAt ? 'closed' : 'open',
    sampleRate: 1,
    verifiesActionId: s.verifiesActionId ?? null,
    openedAt: s.openedAt,
    closedAt: s.closedAt,
    createdBy: 'demo',
    createdAt: s.openedAt,
  });
  const contacts = await customerContacts(deps, tx, s.customers);
  const invitations: Parameters<typeof repo.insertInvitations>[1] = [];
  const responses: Parameters<typeof repo.insertResponses>[1] = [];
  const followUps: Parameters<typeof repo.insertFollowUps>[1] = [];
  s.customers.forEach((customerId, i) => {
    const c = contacts.get(customerId);
    const mode = r() < 0.8 ? ('email' as const) : r() < 0.5 ? ('sms' as const) : ('phone' as const);
    const answered = r() < s.responseRate;
    const id = randomUUID();
    const sentAt = new Date(s.openedAt.getTime() + i * 60_000);
    invitations.push({
      id,
      waveId: wave.id,
      customerId,
      mode,
      status: answered ? 'completed' : 'sent',
      attributes: {
        studyLevel: c?.enrolment?.level ?? c?.classes.educationLevel ?? null,
        school: c?.school ? (c.school.nameLocal ?? c.school.name) : null,
        channel: mode,
        product: PRODUCTS[Math.floor(r() * PRODUCTS.length)]!,
        riskGrade: GRADES[Math.floor(r() * GRADES.length)]!,
      },
      language: c?.preferredLanguage === 'en' ? 'en' : 'zh-CN',
      source: { kind: 'demo' },
      sentAt,
      remindersSent: answered ? 0 : 1,
      lastReminderAt: answered ? null : new Date(sentAt.getTime() + 3 * 86_400_000),
      createdAt: sentAt,
    });
    if (!answered) return;
    const answers = answersFor(def, s.levels, r);
    const responseId = randomUUID();
    const completedAt = new Date(sentAt.getTime() + (1 + Math.floor(r() * 72)) * 3_600_000);
    responses.push({
      id: responseId,
      invitationId: id,
      waveId: wave.id,
      customerId,
      status: 'complete',
      answers,
      mode: mode === 'phone' ? 'phone' : 'online',
      enteredBy: mode === 'phone' ? 'agent' : null,
      language: c?.preferredLanguage === 'en' ? 'en' : 'zh-CN',
      startedAt: completedAt,
      completedAt,
    });
    const reason = followUpReason(def, answers);
    if (reason && s.closedLoop === 'history') {
      const outcome =
        r() < 0.7 ? ('resolved' as const) : r() < 0.5 ? ('unresolved' as const) : ('no-contact' as const);
      followUps.push({
        id: randomUUID(),
        responseId,
        waveId: wave.id,
        customerId,
        reason,
        status: 'closed',
        outcome,
        result: {
          resolved: 'Called back; explained and fixed',
          unresolved: 'Called back; customer still unhappy',
          'no-contact': 'Three call attempts, no answer',
        }[outcome],
        closedBy: 'agent',
        closedAt: new Date(completedAt.getTime() + 2 * 86_400_000),
        createdAt: completedAt,
      });
    }
  });
  await repo.insertInvitations(tx, invitations);
  await repo.insertResponses(tx, responses);
  await repo.insertFollowUps(tx, followUps);
  await recordAudit(tx, SYSTEM_ACTOR, deps.now(), {
    action: 'survey.demo_seeded',
    entityType: 'survey_wave',
    entityId: wave.id,
    after: { invitations: invitations.length, responses: responses.length },
  });
  return wave;
}

/** Seed the demo waves once (skipped when any wave exists). */
export async function seedDemoSurveys(deps: Deps): Promise<void> {
  const db = deps.database.db;
  if ((await repo.allWaves(db)).length) return;
  const version = await installStudentLoanSurvey(deps, SYSTEM_ACTOR);
  // The demo's customers in creation order (the customers module seeds them; ids only).
  const ids = (
    await rowsOf<{ id: string }>(db, sql`select id from customers order by created_at, id limit 400`)
  ).map((x) => x.id);
  if (ids.length < 4) return;
  const half = Math.floor(ids.length * 0.45);
  const now = deps.now();
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  await db.transaction(async (tx) => {
    const spring = await seedWave(tx, deps, {
      code: 'spring-2026',
      name: '2026 Spring satisfaction · 2026年春季满意度调查',
      versionId: version.id,
      surveyId: version.surveyId,
      customers: ids.slice(0, half),
      levels: SPRING,
      openedAt: daysAgo(200),
      closedAt: daysAgo(170),
      responseRate: 0.68,
      seed: 2026_03,
      closedLoop: 'history',
    });
    const action = await repo.insertAction(tx, {
      id: randomUUID(),
      surveyId: version.surveyId,
      baselineWaveId: spring.id,
      dimension: 'platform',
      finding:
        'Online platform is the weakest dimension (mean ≈ 2.5) and the strongest driver; comments: app crashes at login · 线上平台得分最低，应用登录闪退',
      action: 'Release app 3.2: new login, offline loan summary, faster schedule page · 发布应用 3.2 版',
      owner: '王经理 Wang Li',
      dueOn: daysAgo(120).toISOString().slice(0, 10),
      status: 'done',
      doneAt: daysAgo(110),
      createdBy: 'manager',
      createdAt: daysAgo(165),
    });
    const autumn = await seedWave(tx, deps, {
      code: 'autumn-2026-verification',
      name: '2026 Autumn verification · 2026年秋季验证调查',
      versionId: version.id,
      surveyId: version.surveyId,
      customers: ids.slice(half, 2 * half),
      levels: AUTUMN,
      openedAt: daysAgo(60),
      closedAt: daysAgo(30),
      responseRate: 0.64,
      seed: 2026_09,
      verifiesActionId: action.id,
      closedLoop: 'history',
    });
    await repo.updateAction(tx, action.id, { verificationWaveId: autumn.id });
    await repo.insertAction(tx, {
      id: randomUUID(),
      surveyId: version.surveyId,
      baselineWaveId: autumn.id,
      dimension: 'repayment',
      finding: 'Repayment flexibility is now the lowest dimension · 还款灵活性得分最低',
      action: 'Let borrowers choose their repayment day in the portal · 支持在线自选还款日',
      owner: '陈客服 Chen Jing',
      dueOn: new Date(now.getTime() + 45 * 86_400_000).toISOString().slice(0, 10),
      status: 'in_progress',
      createdBy: 'manager',
      createdAt: daysAgo(20),
    });
    await seedWave(tx, deps, {
      code: 'after-ticket',
      name: 'After a resolved ticket · 工单解决后回访',
      versionId: version.id,
      surveyId: version.surveyId,
      customers: ids.slice(2 * half, 2 * half + 30),
      levels: AUTUMN,
      openedAt: daysAgo(10),
      closedAt: null,
      responseRate: 0.5,
      seed: 2026_11,
      kind: 'event',
      triggerEvent: 'ticket.resolved',
      closedLoop: 'none',
    });
  });
}
