import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import { createUser } from '../identity/index.ts';
import { listLoans, STAFF_ACCESS } from '../servicing/index.ts';
import { escalateTickets } from './escalation.service.ts';
import { openTicketFromJourney } from './journey-hook.ts';
import { openTicket } from './tickets.service.ts';
import { STARTER_ARTICLES } from './kb-content.ts';
import * as repo from './service-desk.repository.ts';

let deps: TestDeps;
let app: FastifyInstance;
let student: Session;
let otherStudent: Session;
let agent: Session;
let manager: Session;
let auditor: Session;
let otherCustomerId: string;

interface TicketJson {
  id: string;
  reference: string;
  status: string;
  customerId: string;
  satisfaction: number | null;
  staff: {
    priority: string;
    priorityReasons: string[];
    assigneeId: string | null;
    regulatoryDueDate: string | null;
    firstResponseAt: string | null;
    firstResponseDueAt: string;
    resolutionDueAt: string;
    escalationLevel: number;
    reopenCount: number;
  } | null;
}
interface DetailJson {
  ticket: TicketJson;
  entries: { visibility: string; authorKind: string; body: string }[];
  history: { from: string | null; to: string }[];
  attachments: { id: string; filename: string; size: number }[];
}

// A Wednesday morning in Beijing (09:30 +08:00), inside the desk's business hours.
const WEDNESDAY = '2026-03-11T01:30:00Z';

async function login(username: string): Promise<Session> {
  const s = session(app);
  expect((await s.login(username, DEMO_PASSWORD)).statusCode).toBe(200);
  return s;
}

beforeAll(async () => {
  deps = await openTestDeps();
  deps.setNow(WEDNESDAY);
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
  const loans = await listLoans(deps, STAFF_ACCESS, {}, { limit: 50, offset: 0 });
  const [students] = await deps.database.query<{ customer_id: string }>(
    `select customer_id from users where username = 'student'`,
  );
  otherCustomerId = loans.items.map((l) => l.customerId).find((c) => c !== students!.customer_id)!;
  await createUser(deps, SYSTEM_ACTOR, {
    username: 'student2',
    displayName: 'Li Na',
    email: 'student2@demo.bursar.example',
    password: DEMO_PASSWORD,
    roles: ['student'],
    locale: 'en',
    customerId: otherCustomerId,
  });
  student = await login('student');
  otherStudent = await login('student2');
  agent = await login('agent');
  manager = await login('manager');
  auditor = await login('auditor');
});
afterAll(async () => {
  await app?.close();
  await deps?.dispose();
});

describe('tickets: a student’s complaint through to the rating', () => {
  let ticket: TicketJson;

  it('opens a complaint from the portal at high priority with the regulator’s 15-day deadline', async () => {
    const res = await student.request('POST', '/api/v1/service-desk/my/tickets', {
      type: 'complaint',
      subject: '还款扣款错误',
      body: '本月被重复扣款两次，请退还多扣的金额。',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<TicketJson>();
    expect(created.reference).toMatch(/^SD-\d{6}$/);
    expect(created.staff).toBeNull();
    const detail = (
      await agent.request('GET', `/api/v1/service-desk/tickets/${created.id}`)
    ).json<DetailJson>();
    ticket = detail.ticket;
    expect(ticket.status).toBe('new');
    expect(ticket.staff!.priority).toBe('high');
    expect(ticket.staff!.regulatoryDueDate).toBe('2026-03-26');
    // Every demo agent handles complaints, so someone has it.
    expect(ticket.staff!.assigneeId).not.toBeNull();
    expect(detail.history.map((h) => h.to)).toEqual(['new']);
  });

  it('refuses unknown fields and a student’s own choice of priority', async () => {
    const res = await student.request('POST', '/api/v1/service-desk/my/tickets', {
      type: 'consultation',
      subject: 'x',
      body: 'y',
      priority: 'urgent',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('priority');
  });

  it('sends the agent’s public reply to the student and keeps the internal note to staff', async () => {
    const reply = await agent.request('POST', `/api/v1/service-desk/tickets/${ticket.id}/replies`, {
      body: '您好，我们已核实，多扣款项将在3个工作日内退回。',
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json<TicketJson>().status).toBe('waiting_on_customer');
    expect(reply.json<TicketJson>().staff!.firstResponseAt).toBe(new Date(WEDNESDAY).toISOString());
    const note = await agent.request('POST', `/api/v1/service-desk/tickets/${ticket.id}/replies`, {
      body: 'Batch debit ran twice on 3 March; finance to refund.',
      visibility: 'internal',
    });
    expect(note.statusCode).toBe(200);
    const [msg] = await deps.database.query<{ n: number }>(
      `select count(*)::int as n from engagement_messages where source_kind = 'ticket' and source_id = $1`,
      [ticket.id],
    );
    expect(msg!.n).toBe(1);
    const mine = (
      await student.request('GET', `/api/v1/service-desk/my/tickets/${ticket.id}`)
    ).json<DetailJson>();
    expect(mine.entries.map((e) => e.visibility)).toEqual(['public', 'public']);
    expect(mine.entries[1]!.body).toContain('多扣款项');
    expect(mine.entries.some((e) => e.body.includes('Batch debit'))).toBe(false);
  });

  it('keeps students to their own tickets', async () => {
    expect(
      (await otherStudent.request('GET', `/api/v1/service-desk/my/tickets/${ticket.id}`)).statusCode,
    ).toBe(404);
    expect(
      (
        await otherStudent.request('POST', `/api/v1/service-desk/my/tickets/${ticket.id}/replies`, {
          body: 'hi',
        })
      ).statusCode,
    ).toBe(404);
    const list = (await otherStudent.request('GET', '/api/v1/service-desk/my/tickets')).json<{
      items: TicketJson[];
    }>();
    expect(list.items.every((t) => t.customerId === otherCustomerId)).toBe(true);
    expect((await student.request('GET', '/api/v1/service-desk/tickets')).statusCode).toBe(403);
    expect((await student.request('GET', `/api/v1/service-desk/tickets/${ticket.id}`)).statusCode).toBe(403);
  });

  it('resolves, lets the student rate once, and reopens when the student replies', async () => {
    const noSummary = await agent.request('POST', `/api/v1/service-desk/tickets/${ticket.id}/status`, {
      status: 'resolved',
    });
    expect(noSummary.statusCode).toBe(400);
    expect(noSummary.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('resolutionSummary');
    const early = await student.request('POST', `/api/v1/service-desk/my/tickets/${ticket.id}/rating`, {
      score: 5,
    });
    expect(early.statusCode).toBe(409);
    const resolved = await agent.request('POST', `/api/v1/service-desk/tickets/${ticket.id}/status`, {
      status: 'resolved',
      resolutionSummary: 'Duplicate debit refunded',
    });
    expect(resolved.json<TicketJson>().status).toBe('resolved');
    const rated = await student.request('POST', `/api/v1/service-desk/my/tickets/${ticket.id}/rating`, {
      score: 4,
      comment: '处理及时',
    });
    expect(rated.json<TicketJson>().satisfaction).toBe(4);
    expect(
      (await student.request('POST', `/api/v1/service-desk/my/tickets/${ticket.id}/rating`, { score: 1 }))
        .statusCode,
    ).toBe(409);
    const again = await student.request('POST', `/api/v1/service-desk/my/tickets/${ticket.id}/replies`, {
      body: '退款还没到账。',
    });
    expect(again.json<TicketJson>().status).toBe('reopened');
    const detail = (
      await agent.request('GET', `/api/v1/service-desk/tickets/${ticket.id}`)
    ).json<DetailJson>();
    expect(detail.ticket.staff!.reopenCount).toBe(1);
    expect(detail.history.map((h) => h.to)).toEqual(['new', 'waiting_on_customer', 'resolved', 'reopened']);
    const [audit] = await deps.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where entity_type = 'ticket' and entity_id = $1`,
      [ticket.id],
    );
    expect(audit!.n).toBeGreaterThanOrEqual(6);
  });
});

describe('priority, merging and attachments', () => {
  it('takes the urgent path for fraud, in Chinese too', async () => {
    const res = await agent.request('POST', '/api/v1/service-desk/tickets', {
      customerId: otherCustomerId,
      type: 'consultation',
      channel: 'phone',
      subject: '有人冒用我的身份申请贷款',
      body: '客户来电称身份证被盗用。',
    });
    expect(res.statusCode).toBe(201);
    const t = res.json<TicketJson>();
    expect(t.staff!.priority).toBe('urgent');
    expect(t.staff!.priorityReasons.join(' ')).toContain('冒用');
    expect(t.staff!.regulatoryDueDate).toBeNull();
  });

  it('merges a duplicate: conversation moves, the duplicate closes', async () => {
    const open = (subject: string) =>
      agent
        .request('POST', '/api/v1/service-desk/tickets', {
          customerId: otherCustomerId,
          type: 'consultation',
          channel: 'email',
          subject,
          body: `${subject} (body)`,
        })
        .then((r) => r.json<TicketJson>());
    const keep = await open('Card change');
    const dup = await open('Card change again');
    const res = await agent.request('POST', `/api/v1/service-desk/tickets/${keep.id}/merge`, {
      duplicateId: dup.id,
    });
    expect(res.statusCode).toBe(200);
    const kept = (await agent.request('GET', `/api/v1/service-desk/tickets/${keep.id}`)).json<DetailJson>();
    expect(kept.entries.map((e) => e.body)).toEqual(
      expect.arrayContaining(['Card change (body)', 'Card change again (body)']),
    );
    const gone = (await agent.request('GET', `/api/v1/service-desk/tickets/${dup.id}`)).json<DetailJson>();
    expect(gone.ticket.status).toBe('closed');
    const twice = await agent.request('POST', `/api/v1/service-desk/tickets/${keep.id}/merge`, {
      duplicateId: dup.id,
    });
    expect(twice.statusCode).toBe(409);
  });

  it('accepts a real PNG and refuses wrong types, disguised content and oversize files', async () => {
    const mine = (await student.request('GET', '/api/v1/service-desk/my/tickets')).json<{
      items: TicketJson[];
    }>();
    const id = mine.items[0]!.id;
    const upload = (name: string, type: string, content: Buffer) => {
      const boundary = 'deskboundary';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return student.request('POST', `/api/v1/service-desk/my/tickets/${id}/attachments`, body, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
    };
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 1),
    ]);
    const ok = await upload('receipt.png', 'image/png', png);
    expect(ok.statusCode).toBe(201);
    const fake = await upload('receipt.pdf', 'application/pdf', Buffer.from('MZ this is an exe'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('file');
    expect((await upload('x.exe', 'application/x-msdownload', Buffer.from('MZ'))).statusCode).toBe(400);
    expect((await upload('big.txt', 'text/plain', Buffer.alloc(5 * 1024 * 1024 + 10, 0x61))).statusCode).toBe(
      400,
    );
    const detail = (await student.request('GET', `/api/v1/service-desk/my/tickets/${id}`)).json<DetailJson>();
    expect(detail.attachments.map((a) => a.filename)).toEqual(['receipt.png']);
    const file = await student.request(
      'GET',
      `/api/v1/service-desk/my/attachments/${detail.attachments[0]!.id}`,
    );
    expect(file.rawPayload.equals(png)).toBe(true);
    expect(
      (await otherStudent.request('GET', `/api/v1/service-desk/my/attachments/${detail.attachments[0]!.id}`))
        .statusCode,
    ).toBe(404);
  });
});

describe('knowledge base and answer assistant', () => {
  const QUESTIONS: [string, string, string][] = [
    ['Can I pay off my loan early?', 'repay-early', 'en'],
    ['How do I change the bank card for repayments', 'change-repayment-account', 'en'],
    ['what happens to my credit report if I miss a payment', 'overdue-and-credit-report', 'en'],
    ['someone called asking me to transfer money, is this a scam', 'fraud-warning', 'en'],
    ['when do I start repaying principal after graduation', 'grace-period', 'en'],
    ['who pays the interest while I am studying', 'interest-subsidy', 'en'],
    ['I lost my job and cannot pay, can I defer?', 'deferment-while-studying', 'en'],
    ['我想提前还清贷款怎么办', 'repay-early', 'zh-CN'],
    ['还款银行卡怎么更换', 'change-repayment-account', 'zh-CN'],
    ['逾期会影响征信吗', 'overdue-and-credit-report', 'zh-CN'],
    ['有人冒充银行让我转账是诈骗吗', 'fraud-warning', 'zh-CN'],
    ['毕业后什么时候开始还本金', 'grace-period', 'zh-CN'],
    ['在校期间利息谁来付', 'interest-subsidy', 'zh-CN'],
    ['生病了没钱还款可以延期吗', 'deferment-while-studying', 'zh-CN'],
    ['怎么投诉', 'how-to-complain', 'zh-CN'],
  ];

  it('ranks the expected article first for questions in English and Chinese (across both languages)', async () => {
    expect(STARTER_ARTICLES).toHaveLength(8);
    for (const [q, slug, language] of QUESTIONS) {
      const res = await student.request('GET', `/api/v1/service-desk/kb/search?q=${encodeURIComponent(q)}`);
      const top = res.json<{ items: { slug: string; language: string }[] }>().items[0];
      expect({ q, slug: top?.slug, language: top?.language }).toEqual({ q, slug, language });
    }
  });

  it('answers with the relevant passage and a help-centre link', async () => {
    const res = await student.request(
      'GET',
      `/api/v1/service-desk/kb/answer?q=${encodeURIComponent('逾期会影响征信吗')}&language=zh-CN`,
    );
    const a = res.json<{ answers: { passage: string; link: string; slug: string }[] }>().answers[0]!;
    expect(a.slug).toBe('overdue-and-credit-report');
    expect(a.passage).toContain('征信系统');
    expect(a.link).toMatch(/^\/help\/articles\/[0-9a-f-]{36}$/);
  });

  it('versions edits and hides drafts from the help centre', async () => {
    const created = await manager.request('POST', '/api/v1/service-desk/kb/articles', {
      slug: 'graduation-checklist',
      language: 'en',
      category: 'repayment',
      title: 'Graduation checklist',
      body: 'Confirm your contact details before you graduate.',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await student.request('GET', `/api/v1/service-desk/kb/articles/${id}`)).statusCode).toBe(404);
    const edited = await manager.request('PATCH', `/api/v1/service-desk/kb/articles/${id}`, {
      body: 'Confirm your contact details and repayment card before you graduate.',
      status: 'published',
    });
    expect(edited.json<{ version: number; status: string }>()).toMatchObject({
      version: 2,
      status: 'published',
    });
    const full = (await manager.request('GET', `/api/v1/service-desk/kb/articles/${id}`)).json<{
      versions: { version: number }[];
    }>();
    expect(full.versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await student.request('GET', `/api/v1/service-desk/kb/articles/${id}`)).statusCode).toBe(200);
    expect((await agent.request('POST', '/api/v1/service-desk/kb/articles', {})).statusCode).toBe(403);
  });
});

describe('reporting and journeys', () => {
  it('gives the compliance auditor the complaint register as JSON and CSV', async () => {
    const reg = await auditor.request('GET', '/api/v1/service-desk/complaints/register');
    expect(reg.statusCode).toBe(200);
    const items = reg.json<{
      items: { reference: string; regulatoryDueDate: string; withinDeadline: boolean | null }[];
    }>().items;
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.every((i) => /^\d{4}-\d{2}-\d{2}$/.test(i.regulatoryDueDate))).toBe(true);
    const csv = await auditor.request('GET', '/api/v1/service-desk/complaints/register.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('reference,receivedOn,channel');
    expect(csv.body).toContain(items[0]!.reference);
    expect((await agent.request('GET', '/api/v1/service-desk/complaints/register')).statusCode).toBe(403);
  });

  it('reports performance per agent, trends by cause and improvement actions', async () => {
    const perf = await manager.request('GET', '/api/v1/service-desk/performance?by=agent&period=month');
    const rows = perf.json<{ items: { label: string; tickets: number; slaAttainment: number | null }[] }>()
      .items;
    expect(rows.reduce((s, r) => s + r.tickets, 0)).toBeGreaterThan(5);
    const trends = await manager.request('GET', '/api/v1/service-desk/complaints/trends?by=cause');
    expect(trends.json<{ totals: { key: string }[] }>().totals.map((t) => t.key)).toContain('billing-error');
    const action = await manager.request('POST', '/api/v1/service-desk/improvement-actions', {
      cause: 'billing-error',
      title: 'Stop duplicate batch debits',
      ownerName: 'Finance ops',
      dueDate: '2026-04-30',
    });
    expect(action.statusCode).toBe(201);
    const done = await manager.request(
      'POST',
      `/api/v1/service-desk/improvement-actions/${action.json<{ id: string }>().id}/done`,
      { outcome: 'Batch job made idempotent' },
    );
    expect(done.json<{ status: string; volume: { before: number } }>()).toMatchObject({
      status: 'done',
      volume: { before: 1 },
    });
    const board = await manager.request('GET', '/api/v1/service-desk/board');
    expect(board.json<{ items: { state: string }[] }>().items.length).toBeGreaterThan(0);
  });

  it('opens a real ticket from a journey’s "open a ticket" step', async () => {
    const ref = await deps.database.db.transaction((tx) =>
      openTicketFromJourney(tx, deps, {
        customerId: otherCustomerId,
        runId: 'run-1',
        journeyCode: 'missed-payment',
        step: { id: 's1', kind: 'ticket', subject: 'Call about the missed payment' },
        context: { eventType: 'payment.missed' },
      }),
    );
    expect(ref).toMatch(/^SD-/);
    const list = (
      await agent.request('GET', `/api/v1/service-desk/tickets?q=${encodeURIComponent('missed payment')}`)
    ).json<{ items: { reference: string }[] }>();
    expect(list.items.map((i) => i.reference)).toContain(ref);
  });
});

describe('SLA escalation', () => {
  it('warns the supervisor when a clock is at risk, reassigns once it is breached, and does each once', async () => {
    // Jumping the clock ends the HTTP sessions, so this runs last and calls the services.
    deps.setNow('2026-03-13T09:00:00Z'); // Friday 17:00 in Beijing
    const t = await deps.database.db.transaction((tx) =>
      openTicket(tx, deps, SYSTEM_ACTOR, {
        customerId: otherCustomerId,
        type: 'consultation',
        channel: 'phone',
        subject: 'Statement question',
        body: 'When is my next statement?',
        priority: 'normal',
      }),
    );
    const row = await repo.findTicket(deps.database.db, t.id);
    // Normal: first response within 9 business hours: Friday 17–18 plus Monday 09–17.
    expect(row!.firstResponseDueAt.toISOString()).toBe('2026-03-16T09:00:00.000Z');
    await escalateTickets(deps);
    expect((await repo.findTicket(deps.database.db, t.id))!.escalationLevel).toBe(0);

    deps.setNow('2026-03-16T07:30:00Z'); // Monday 15:30: 1.5 of 9 hours left → at risk
    await escalateTickets(deps);
    const atRisk = await repo.findTicket(deps.database.db, t.id);
    expect(atRisk!.escalationLevel).toBe(1);
    expect(atRisk!.assigneeId).toBe(row!.assigneeId);
    const tasks = await deps.database.query<{ title: string }>(
      `select title from customer_tasks where title like $1`,
      [`%${t.reference}%`],
    );
    expect(tasks.map((x) => x.title)).toEqual([expect.stringContaining('SLA at risk')]);

    deps.setNow('2026-03-16T10:30:00Z'); // Monday 18:30: past the deadline
    await escalateTickets(deps);
    await escalateTickets(deps);
    const breached = await repo.findTicket(deps.database.db, t.id);
    expect(breached!.escalationLevel).toBe(2);
    expect(breached!.assigneeId).not.toBe(row!.assigneeId);
    const all = await deps.database.query<{ title: string }>(
      `select title from customer_tasks where title like $1`,
      [`%${t.reference}%`],
    );
    expect(all).toHaveLength(2);
  });
});
