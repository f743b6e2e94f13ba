// The desk's demo: agents with skills, SLA policies, canned replies and the starter knowledge
// base in both languages, and tickets in every status (the demo student's among them), so the
// inbox, the board, the register and the performance page have something real to show.
import { DESK_PRIORITIES } from '@bursar/core';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import { activeUsersWithRole } from '../identity/index.ts';
import { listLoans, STAFF_ACCESS } from '../servicing/index.ts';
import { STARTER_ARTICLES, STARTER_CANNED_REPLIES } from './kb-content.ts';
import { createArticleWithin } from './knowledge.service.ts';
import * as repo from './service-desk.repository.ts';
import { TICKET_TYPES } from './service-desk.tables.ts';
import { DEFAULT_SLA, moveStatus, openTicketRow, type OpenTicketInput } from './tickets.service.ts';
import { randomUUID } from 'node:crypto';

const HOUR = 3_600_000;

/** Policies, canned replies and articles: what any new desk starts with (idempotent). */
export async function installDeskDefaults(deps: Deps, ctx: ActorContext = SYSTEM_ACTOR): Promise<void> {
  const at = deps.now();
  await deps.database.db.transaction(async (tx) => {
    for (const type of TICKET_TYPES)
      for (const priority of DESK_PRIORITIES) {
        // Complaints and disputes run on tighter first-response targets than the general default.
        const d = DEFAULT_SLA[priority];
        const firstResponse =
          type === 'complaint' || type === 'dispute' ? Math.min(d.firstResponse, 4 * 60) : d.firstResponse;
        await repo.upsertSlaPolicy(tx, {
          id: randomUUID(),
          type,
          priority,
          firstResponseMinutes: firstResponse,
          resolutionMinutes: d.resolution,
          updatedAt: at,
        });
      }
    for (const c of STARTER_CANNED_REPLIES)
      for (const [language, v] of [
        ['en', c.en],
        ['zh-CN', c.zh],
      ] as const)
        await repo.upsertCanned(tx, {
          id: randomUUID(),
          code: c.code,
          language,
          title: v.title,
          body: v.body,
          category: null,
          updatedAt: at,
        });
    for (const a of STARTER_ARTICLES)
      for (const [language, v] of [
        ['en', a.en],
        ['zh-CN', a.zh],
      ] as const)
        if (!(await repo.findArticleBySlug(tx, a.slug, language)))
          await createArticleWithin(
            tx,
            ctx,
            { slug: a.slug, language, category: a.category, ...v, status: 'published' },
            at,
          );
  });
}

interface DemoTicket extends Omit<OpenTicketInput, 'customerId'> {
  hoursAgo: number;
  customer: 'student' | number;
  path: ('open' | 'waiting_on_customer' | 'resolved' | 'closed' | 'reopened')[];
  rating?: number;
  causes?: string[];
  reply?: string;
}

const DEMO_TICKETS: DemoTicket[] = [
  {
    customer: 'student',
    type: 'consultation',
    channel: 'portal',
    subject: '提前还款需要手续费吗？',
    body: '我想下个月提前还清贷款，请问需要支付违约金吗？',
    hoursAgo: 3,
    path: [],
  },
  {
    customer: 'student',
    type: 'complaint',
    channel: 'portal',
    subject: '扣款金额与还款计划不符',
    body: '本月从我的银行卡多扣了50元，与还款计划不一致，请核实并退还。',
    hoursAgo: 30,
    path: ['open'],
    causes: ['billing-error'],
    reply: '您好，我们已收到您的投诉，正在核对扣款记录。',
  },
  {
    customer: 'student',
    type: 'consultation',
    channel: 'email',
    subject: 'Interest subsidy after graduation',
    body: 'Will the state keep paying my interest if I start a master degree in September?',
    hoursAgo: 80,
    path: ['resolved'],
    rating: 5,
    reply: 'Yes: report your new enrolment and the subsidy continues.',
  },
  {
    customer: 0,
    type: 'complaint',
    channel: 'phone',
    subject: 'Rude collection call',
    body: 'The caller was rude and called me three times in one evening. This is unfair.',
    hoursAgo: 50,
    path: ['open', 'waiting_on_customer'],
    causes: ['collections-conduct'],
    reply: 'We apologise. Could you tell us the times of the calls?',
  },
  {
    customer: 1,
    type: 'suggestion',
    channel: 'social',
    subject: '希望增加微信还款提醒',
    body: '建议在还款日前通过微信提醒，短信容易被忽略。',
    hoursAgo: 200,
    path: ['resolved', 'closed'],
    rating: 4,
    reply: '感谢建议，我们已转交产品团队。',
  },
  {
    customer: 2,
    type: 'complaint',
    channel: 'walk_in',
    subject: '征信报告显示逾期但我已按时还款',
    body: '我每月都按时还款，但征信报告显示逾期一次，影响了我的求职。',
    hoursAgo: 400,
    path: ['resolved', 'reopened'],
    causes: ['credit-reporting'],
    reply: '经核实系系统批扣失败，已申请更正征信记录。',
  },
  {
    customer: 3,
    type: 'dispute',
    channel: 'email',
    subject: 'Payment not credited',
    body: 'I paid 800 on the 3rd but my loan still shows it as overdue.',
    hoursAgo: 20,
    path: [],
    causes: ['payment-posting'],
  },
  {
    customer: 4,
    type: 'consultation',
    channel: 'phone',
    subject: 'Someone asked for my verification code — fraud?',
    body: 'A caller said he was from the bank and asked for my code to cancel a campus loan. Is this fraud?',
    hoursAgo: 1,
    path: [],
  },
  {
    customer: 1,
    type: 'complaint',
    channel: 'portal',
    subject: '客服电话长时间无人接听',
    body: '连续三天拨打客服电话都无人接听，希望改进。',
    hoursAgo: 600,
    path: ['resolved', 'closed'],
    rating: 2,
    causes: ['contact-centre-wait'],
    reply: '抱歉给您带来不便，我们已增加高峰时段坐席。',
  },
];

/** Demo agents (the service agent and the manager), the defaults and a desk full of tickets. */
export async function seedDemoServiceDesk(deps: Deps, opts: { studentCustomerId: string }): Promise<void> {
  await installDeskDefaults(deps);
  const db = deps.database.db;
  const managers = await activeUsersWithRole(db, 'manager');
  const agents = await activeUsersWithRole(db, 'service_agent');
  const supervisorId = managers[0]?.id ?? null;
  for (const [i, u] of [...agents, ...managers].entries())
    await repo.upsertAgent(db, {
      userId: u.id,
      displayName: u.displayName,
      team: i < agents.length ? 'front-line' : 'complaints',
      available: true,
      languages: ['en', 'zh-CN'],
      products: [],
      complaintHandling: true,
      maxOpen: 30,
      lastAssignedAt: null,
      supervisorId: i < agents.length ? supervisorId : null,
    });
  const loans = await listLoans(deps, STAFF_ACCESS, {}, { limit: 50, offset: 0 });
  const others = [...new Set(loans.items.map((l) => l.customerId))].filter(
    (c) => c !== opts.studentCustomerId,
  );
  const productOf = new Map(loans.items.map((l) => [l.customerId, l]));
  const now = deps.now().getTime();
  const agentCtx: ActorContext = {
    ...SYSTEM_ACTOR,
    actorId: agents[0]?.id ?? null,
    actorName: agents[0]?.displayName ?? 'agent',
  };
  for (const d of DEMO_TICKETS) {
    const customerId =
      d.customer === 'student' ? opts.studentCustomerId : others[d.customer % Math.max(1, others.length)];
    if (!customerId) continue;
    const loan = productOf.get(customerId);
    const opened = new Date(now - d.hoursAgo * HOUR);
    await db.transaction(async (tx) => {
      let t = await openTicketRow(
        tx,
        deps,
        SYSTEM_ACTOR,
        {
          customerId,
          type: d.type,
          channel: d.channel,
          subject: d.subject,
          body: d.body,
          loanId: loan?.id,
          product: loan?.productCode,
          source: { kind: 'demo' },
        },
        opened,
      );
      let at = opened.getTime();
      if (d.reply) {
        at += HOUR;
        await repo.insertEntry(tx, {
          id: randomUUID(),
          ticketId: t.id,
          visibility: 'public',
          authorKind: 'agent',
          authorId: agentCtx.actorId,
          authorName: agentCtx.actorName,
          body: d.reply,
          channel: 'portal',
          createdAt: new Date(at),
        });
        t = await repo.updateTicket(tx, t.id, { firstResponseAt: new Date(at) });
      }
      for (const step of d.path) {
        at += 4 * HOUR;
        t = await moveStatus(
          tx,
          deps,
          agentCtx,
          t,
          step,
          new Date(at),
          null,
          step === 'resolved' ? { resolutionSummary: d.reply ?? 'Answered' } : {},
        );
      }
      await repo.updateTicket(tx, t.id, {
        rootCauses: d.causes ?? [],
        ...(d.rating ? { satisfaction: d.rating, ratedAt: new Date(at + HOUR) } : {}),
      });
    });
  }
  await repo.insertAction(db, {
    id: randomUUID(),
    cause: 'contact-centre-wait',
    title: 'Add two agents to the 18:00–20:00 peak and a call-back option',
    ownerId: supervisorId,
    ownerName: managers[0]?.displayName ?? 'Manager',
    dueDate: new Date(now + 30 * 24 * HOUR).toISOString().slice(0, 10),
    status: 'open',
    createdAt: new Date(now - 10 * 24 * HOUR),
    doneAt: null,
    outcome: null,
  });
}
