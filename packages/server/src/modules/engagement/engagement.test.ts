import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import {
  configureEngagement,
  dispatchOnce,
  enqueueMessage,
  escalateOverdueTasks,
  handleDomainEvent,
  registerJourneyActionHook,
  runDueJourneys,
  scanDateTriggers,
  type DomainEvent,
} from './index.ts';
import { getMessage } from './messages.service.ts';
import { newCustomer, readMail, schoolId, signed } from './test-kit.ts';

let deps: TestDeps;
let app: FastifyInstance;
let officer: Session;
let manager: Session;
let auditor: Session;
let admin: Session;
let student: Session;
let school: string;
const outbox = mkdtempSync(path.join(os.tmpdir(), 'bursar-outbox-'));
const SECRET = 'test-webhook-secret-0123456789';

async function login(username: string): Promise<Session> {
  const s = session(app);
  expect((await s.login(username, DEMO_PASSWORD)).statusCode).toBe(200);
  return s;
}

beforeAll(async () => {
  // Tests move the clock by days and months: keep the sessions alive.
  deps = await openTestDeps({ sessionTtlMinutes: 60 * 24 * 1000 });
  await seedTestDemo(deps);
  configureEngagement(deps, {
    outboxDir: outbox,
    webhookSecret: SECRET,
    publicBaseUrl: 'https://bursar.test',
    drivers: {
      email: 'file',
      sms: 'file',
      wechat: 'file',
      app_push: 'file',
      portal: 'portal',
      post: 'letter',
    },
  });
  app = (await testApp(deps)).app;
  officer = await login('officer');
  manager = await login('manager');
  auditor = await login('auditor');
  admin = await login('admin');
  student = await login('student');
  school = await schoolId(officer);
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
  rmSync(outbox, { recursive: true, force: true });
});

async function send(s: Session, body: Record<string, unknown>) {
  const res = await s.request('POST', '/api/v1/engagement/messages', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function message(id: string) {
  return getMessage(deps, id);
}
async function drain() {
  let n = 0;
  for (let i = 0; i < 20; i++) {
    const r = await dispatchOnce(deps);
    n += r.claimed;
    if (r.claimed === 0) break;
  }
  return n;
}

describe('email over SMTP', () => {
  it('sends a Chinese repayment reminder through a real SMTP server on loopback and reads it back', async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const before = configureEngagement(deps, {});
    configureEngagement(deps, {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      smtpFrom: 'Bursar <no-reply@bursar.test>',
      drivers: { ...before.drivers, email: 'smtp' },
    });
    try {
      const customer = await newCustomer(officer, school, {
        email: 'li.hua@example.cn',
        channel: 'email',
        name: '李华',
      });
      const m = await send(officer, {
        customerId: customer,
        template: 'repayment-reminder',
        purpose: 'service',
        values: { 'loan.dueDate': '2026-09-15', 'loan.amountDue': '¥1,234.56' },
      });
      expect(m.status).toBe('queued');
      expect(m.channel).toBe('email');
      await drain();
      const mine = received.filter((r) => r.includes(`<${m.id}@bursar.test>`));
      expect(mine).toHaveLength(1);
      const mail = readMail(mine[0]!);
      expect(mail.headers.subject).toBe('还款提醒：2026-09-15 应还 ¥1,234.56');
      expect(mail.headers.to).toContain('li.hua@example.cn');
      expect(mail.headers['message-id']).toBe(`<${m.id}@bursar.test>`);
      expect(mail.text).toContain('李华 您好');
      expect(mail.text).toContain('¥1,234.56');
      expect(mail.html).toContain(`/api/v1/engagement/t/`);
      const sent = await message(m.id);
      expect(sent.status).toBe('sent');
      expect(sent.history.map((h: { status: string }) => h.status)).toEqual(['queued', 'sent']);
      // The open pixel in the HTML records an open.
      const pixel = /https:\/\/bursar\.test(\/api\/v1\/engagement\/t\/[^"]+\/open\.gif)/.exec(mail.html)![1]!;
      const res = await session(app).request('GET', pixel);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('image/gif');
      expect((await message(m.id)).status).toBe('opened');
    } finally {
      configureEngagement(deps, before);
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

describe('consent, preferences, quiet hours, caps', () => {
  it('never sends marketing without consent, and sends it with an unsubscribe link that works', async () => {
    const noConsent = await newCustomer(officer, school, { marketing: false });
    const m1 = await send(officer, {
      customerId: noConsent,
      template: 'product-update',
      purpose: 'marketing',
    });
    expect(m1.status).toBe('suppressed');
    expect(m1.reason).toBe('no-marketing-consent');

    const yes = await newCustomer(officer, school, { marketing: true, channel: 'email' });
    const m2 = await send(officer, { customerId: yes, template: 'product-update', purpose: 'marketing' });
    expect(m2.status).toBe('queued');
    const link = /https:\/\/bursar\.test(\/api\/v1\/engagement\/unsubscribe\?token=\S+)/.exec(m2.body)![1]!;
    const m3 = await send(officer, {
      customerId: yes,
      template: 'financial-literacy-2',
      purpose: 'marketing',
    });
    expect(m3.status).toBe('queued');

    const anon = session(app);
    const page = await anon.request('GET', link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('退订');
    expect((await anon.request('GET', link.replace(/token=./, 'token=x'))).statusCode).toBe(404);
    const done = await anon.request('POST', link, 'List-Unsubscribe=One-Click', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(done.statusCode, done.body).toBe(200);
    // Consent is withdrawn in the customers module, with history; waiting marketing is suppressed.
    const prefs = (await officer.request('GET', `/api/v1/engagement/customers/${yes}/preferences`)).json();
    expect(prefs.consents.marketing).toBe(false);
    expect((await message(m3.id)).status).toBe('suppressed');
    const timeline = (await officer.request('GET', `/api/v1/customers/${yes}/timeline`)).json();
    expect(JSON.stringify(timeline)).toContain('Consent to marketing withdrawn');
    const later = await send(officer, { customerId: yes, template: 'product-update', purpose: 'marketing' });
    expect(later.reason).toBe('no-marketing-consent');
  });

  it('defers real-time messages to the end of quiet hours in the customer’s time zone', async () => {
    const c = await newCustomer(officer, school, { channel: 'sms' });
    deps.setNow('2026-09-01T14:30:00Z'); // 22:30 in Beijing
    try {
      const m = await send(officer, {
        customerId: c,
        content: { body: '{{customer.name}}，明天见。' },
        purpose: 'service',
        channel: 'sms',
      });
      expect(m.nextAttemptAt).toBe('2026-09-02T00:00:00.000Z');
      expect((await dispatchOnce(deps)).claimed).toBe(0);
      // A customer in New York set their own zone: 10:30 there, so it goes now.
      const ny = await newCustomer(officer, school, { channel: 'sms', country: 'US' });
      const m2 = await send(officer, {
        customerId: ny,
        content: { body: 'Hello {{customer.name}}' },
        purpose: 'service',
        channel: 'sms',
      });
      expect(m2.nextAttemptAt).toBe('2026-09-01T14:30:00.000Z');
      // Email is not a real-time channel: no deferral.
      const m3 = await send(officer, {
        customerId: c,
        content: { subject: 'x', body: 'y' },
        purpose: 'service',
        channel: 'email',
      });
      expect(m3.nextAttemptAt).toBe('2026-09-01T14:30:00.000Z');
      deps.setNow('2026-09-02T00:00:01Z');
      await drain();
      expect((await message(m.id)).status).toBe('sent');
      expect(existsSync(path.join(outbox, 'sms', `${m.id}.json`))).toBe(true);
    } finally {
      deps.setNow('2026-09-01T09:00:00Z');
    }
  });

  it('caps marketing per week; a legally required notice goes out despite opt-outs and says so', async () => {
    const c = await newCustomer(officer, school, { marketing: true, channel: 'sms' });
    const a = await send(officer, { customerId: c, template: 'financial-literacy-1', purpose: 'marketing' });
    const b = await send(officer, { customerId: c, template: 'financial-literacy-2', purpose: 'marketing' });
    const capped = await send(officer, {
      customerId: c,
      template: 'financial-literacy-3',
      purpose: 'marketing',
    });
    expect([a.status, b.status, capped.status]).toEqual(['queued', 'queued', 'suppressed']);
    expect(capped.reason).toBe('frequency-cap');

    // The customer turns SMS and email off for service messages.
    const put = await officer.request('PUT', `/api/v1/engagement/customers/${c}/preferences`, {
      optOuts: { service: ['sms', 'email'] },
      preferredChannel: 'sms',
    });
    expect(put.statusCode, put.body).toBe(200);
    const ordinary = await send(officer, {
      customerId: c,
      content: { body: '普通通知' },
      purpose: 'service',
      channel: 'sms',
    });
    expect(ordinary.reason).toBe('channel-opted-out');
    const fallback = await send(officer, {
      customerId: c,
      content: { body: '普通通知' },
      purpose: 'service',
    });
    expect(fallback.status).toBe('queued');
    expect(fallback.channel).toBe('wechat');
    const legal = await send(officer, {
      customerId: c,
      template: 'payment-missed',
      purpose: 'service',
      channel: 'sms',
      values: { 'loan.dueDate': '2026-08-15', 'loan.amountDue': '¥800.00' },
    });
    expect(legal.status).toBe('queued');
    expect(legal.legallyRequired).toBe(true);
    expect(legal.body).toContain('本通知为法律法规要求发送的通知');
  });

  it('writes a message once per dedupe key', async () => {
    const c = await newCustomer(officer, school);
    const first = await send(officer, {
      customerId: c,
      content: { body: 'x' },
      purpose: 'service',
      dedupeKey: 'reminder:loan-1:2026-09-15',
    });
    const again = await send(officer, {
      customerId: c,
      content: { body: 'x' },
      purpose: 'service',
      dedupeKey: 'reminder:loan-1:2026-09-15',
    });
    expect(again.id).toBe(first.id);
    expect(again.duplicate).toBe(true);
    const [row] = await deps.database.query<{ n: number }>(
      `select count(*)::int as n from engagement_messages where dedupe_key = 'reminder:loan-1:2026-09-15'`,
    );
    expect(row!.n).toBe(1);
  });
});

describe('templates', () => {
  it('rejects unknown variables at save time with a field error', async () => {
    const res = await manager.request('POST', '/api/v1/engagement/templates', {
      code: 'welcome',
      language: 'zh-CN',
      category: 'service',
      purpose: 'onboarding',
      name: '欢迎',
      subject: '欢迎 {{customer.name}}',
      body: '您好 {{customer.nickname}}，欢迎加入 {{lender.name}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body', message: 'unknown variable {{customer.nickname}}' }]);
  });

  it('versions templates, previews with a real customer, and needs compliance approval for regulated notices', async () => {
    const base = {
      code: 'rate-change',
      language: 'en',
      category: 'regulated',
      purpose: 'rate_change',
      name: 'Rate change notice',
      subject: 'Your rate changes',
      body: 'Dear {{customer.name}}, your rate changes on {{loan.dueDate}}.',
    };
    const v1 = await manager.request('POST', '/api/v1/engagement/templates', base);
    expect(v1.statusCode, v1.body).toBe(201);
    expect(v1.json()).toMatchObject({
      version: 1,
      status: 'pending_approval',
      variables: ['customer.name', 'loan.dueDate'],
    });
    const v2 = (
      await manager.request('POST', '/api/v1/engagement/templates', {
        ...base,
        body: 'Dear {{customer.name}}, from {{loan.dueDate}} your rate changes.',
      })
    ).json();
    expect(v2.version).toBe(2);
    const c = await newCustomer(officer, school, { language: 'en', name: 'Amy Chen' });
    // Not usable before approval.
    const blocked = await officer.request('POST', '/api/v1/engagement/messages', {
      customerId: c,
      template: 'rate-change',
      purpose: 'service',
    });
    expect(blocked.statusCode).toBe(409);
    expect(
      (await manager.request('POST', '/api/v1/engagement/templates/rate-change/en/2/activate', {})).json()
        .type,
    ).toBe('/problems/approval-required');
    // The author cannot approve (admin wrote nothing here, the manager did); the auditor can.
    expect(
      (await auditor.request('POST', '/api/v1/engagement/templates/rate-change/en/2/approve', {})).statusCode,
    ).toBe(200);
    const preview = await officer.request('POST', '/api/v1/engagement/messages/preview', {
      customerId: c,
      template: { code: 'rate-change' },
      values: { 'loan.dueDate': '2026-10-01' },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      body: expect.stringContaining('Dear Amy Chen, from 2026-10-01 your rate changes.'),
      legallyRequired: true,
      wouldSend: true,
      missing: [],
    });
    const sent = await send(officer, { customerId: c, template: 'rate-change', purpose: 'service' });
    expect(sent.templateVersion).toBe(2);
    expect(sent.body).toContain('This notice is required by law');
    // Four eyes: an author may not approve their own notice.
    await admin.request('POST', '/api/v1/engagement/templates', { ...base, code: 'own-notice' });
    const own = await admin.request('POST', '/api/v1/engagement/templates/own-notice/en/1/approve', {});
    expect(own.json().type).toBe('/problems/four-eyes');
  });

  it('sends a template in the language staff pick, else in the customer’s own', async () => {
    for (const [language, body] of [
      ['en', 'Hello {{customer.name}}'],
      ['zh-CN', '{{customer.name}}，您好'],
    ] as const) {
      await manager.request('POST', '/api/v1/engagement/templates', {
        code: 'hello-both',
        language,
        category: 'service',
        purpose: 'greeting',
        name: 'Hello',
        body,
      });
      const res = await manager.request(
        'POST',
        `/api/v1/engagement/templates/hello-both/${language}/1/activate`,
        {},
      );
      expect(res.statusCode, res.body).toBe(200);
    }
    const c = await newCustomer(officer, school, { language: 'zh-CN', name: '王芳' });
    const own = await send(officer, {
      customerId: c,
      template: 'hello-both',
      channel: 'portal',
      purpose: 'service',
    });
    expect(own).toMatchObject({ language: 'zh-CN', body: '王芳，您好' });
    const picked = await send(officer, {
      customerId: c,
      template: 'hello-both',
      language: 'en',
      channel: 'portal',
      purpose: 'service',
    });
    expect(picked).toMatchObject({ language: 'en', body: 'Hello 王芳' });
    const bad = await officer.request('POST', '/api/v1/engagement/messages', {
      customerId: c,
      template: 'hello-both',
      language: 'fr',
      purpose: 'service',
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('webhook driver and provider callbacks', () => {
  it('retries a provider outage with backoff, then takes the delivery-status callback', async () => {
    const calls: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    let failNext = 1;
    let target = '';
    const provider = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const forTarget = (JSON.parse(body) as { messageId: string }).messageId === target;
        if (forTarget) calls.push({ headers: req.headers, body });
        if (forTarget && failNext-- > 0) {
          res.writeHead(503).end('down');
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: forTarget ? 'sms-2' : `other-${crypto.randomUUID()}` }));
      });
    });
    await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/send`;
    const before = configureEngagement(deps, {});
    configureEngagement(deps, { webhookUrls: { sms: url }, drivers: { ...before.drivers, sms: 'webhook' } });
    try {
      const c = await newCustomer(officer, school);
      await drain(); // earlier messages go first
      const m = await send(officer, {
        customerId: c,
        template: 'repayment-reminder',
        purpose: 'service',
        channel: 'sms',
        values: { 'loan.dueDate': '2026-09-20', 'loan.amountDue': '¥500.00' },
      });
      target = m.id;
      await dispatchOnce(deps);
      let row = await message(m.id);
      expect(row.status).toBe('queued');
      expect(row.attempts).toBe(1);
      expect(new Date(row.nextAttemptAt).getTime() - deps.now().getTime()).toBeGreaterThanOrEqual(24_000);
      expect(await dispatchOnce(deps)).toMatchObject({ claimed: 0 });
      deps.advance(60_000);
      await dispatchOnce(deps);
      row = await message(m.id);
      expect(row.status).toBe('sent');
      expect(calls).toHaveLength(2);
      expect(calls[1]!.headers['idempotency-key']).toBe(m.id);
      expect(calls[1]!.headers['x-bursar-signature']).toBe(
        signed(SECRET, JSON.parse(calls[1]!.body)).signature,
      );
      expect(JSON.parse(calls[1]!.body).text).toContain('¥500.00');

      const anon = session(app);
      const report = signed(SECRET, { providerMessageId: 'sms-2', status: 'delivered' });
      const bad = await anon.request('POST', '/api/v1/engagement/callbacks/status', report.payload, {
        'x-bursar-signature': 'sha256=00',
      });
      expect(bad.statusCode).toBe(401);
      const ok = await anon.request('POST', '/api/v1/engagement/callbacks/status', report.payload, {
        'x-bursar-signature': report.signature,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual({ applied: 1, unknown: 0 });
      expect((await message(m.id)).status).toBe('delivered');
      // A reply comes back and lands on the timeline as an interaction.
      const reply = signed(SECRET, { providerMessageId: 'sms-2', text: '好的，已还款', channel: 'sms' });
      const r = await anon.request('POST', '/api/v1/engagement/callbacks/inbound', reply.payload, {
        'x-bursar-signature': reply.signature,
      });
      expect(r.json().interactionId).toBeTruthy();
      expect((await message(m.id)).repliedAt).not.toBeNull();
      const rates = (
        await manager.request(
          'GET',
          '/api/v1/engagement/stats/rates?by=template&from=2026-01-01&to=2027-01-01',
        )
      ).json();
      const rr = rates.items.find((x: { key: string }) => x.key === 'repayment-reminder');
      expect(rr.delivered).toBeGreaterThanOrEqual(1);
      expect(rr.replied).toBeGreaterThanOrEqual(1);
    } finally {
      configureEngagement(deps, before);
      await new Promise<void>((r) => provider.close(() => r()));
    }
  });

  it('prints letters as PDFs with an embedded Chinese font', async () => {
    const c = await newCustomer(officer, school);
    const m = await send(officer, {
      customerId: c,
      template: 'arrears-letter',
      purpose: 'service',
      channel: 'post',
      values: { 'loan.daysPastDue': '45' },
    });
    await drain();
    const file = path.join(outbox, 'letters', `${m.id}.pdf`);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('NotoSansSC');
    expect((await message(m.id)).status).toBe('sent');
  });
});

describe('student inbox and preferences', () => {
  it('shows the student their own portal messages and lets them change preferences', async () => {
    const inbox = await student.request('GET', '/api/v1/engagement/inbox');
    expect(inbox.statusCode).toBe(200);
    const items = inbox.json().items;
    expect(items.length).toBeGreaterThanOrEqual(1);
    const first = items[0];
    expect((await student.request('POST', `/api/v1/engagement/inbox/${first.id}/read`, {})).json()).toEqual({
      id: first.id,
      read: true,
    });
    // Someone else's message is not found.
    const other = await newCustomer(officer, school, { channel: 'email' });
    const m = await send(officer, {
      customerId: other,
      content: { body: 'private' },
      purpose: 'service',
      channel: 'portal',
    });
    await drain();
    expect((await student.request('POST', `/api/v1/engagement/inbox/${m.id}/read`, {})).statusCode).toBe(404);
    expect(
      (await student.request('GET', `/api/v1/engagement/customers/${other}/preferences`)).statusCode,
    ).toBe(404);
    const prefs = await student.request('PUT', '/api/v1/engagement/me/preferences', {
      timeZone: 'Asia/Shanghai',
      quietHours: { start: '22:00', end: '07:30' },
      marketingConsent: true,
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    expect(prefs.json()).toMatchObject({
      timeZone: 'Asia/Shanghai',
      quietHours: { start: '22:00', end: '07:30' },
      consents: { marketing: true },
    });
    const bad = await student.request('PUT', '/api/v1/engagement/me/preferences', {
      timeZone: 'Mars/Olympus',
    });
    expect(bad.json().errors[0].field).toBe('timeZone');
  });
});

describe('journeys', () => {
  async function journey(code: string) {
    const all = (await manager.request('GET', '/api/v1/engagement/journeys')).json().items;
    return all.find((j: { code: string }) => j.code === code);
  }
  const loanId = () => crypto.randomUUID();

  it('branches on payment after a missed payment: notice, then a call task only while unpaid', async () => {
    const j = await journey('repayment-reminder-after');
    expect(j.enabled).toBe(true);
    const paid = await newCustomer(officer, school);
    const unpaid = await newCustomer(officer, school);
    const loanPaid = loanId();
    const loanUnpaid = loanId();
    const event = (customerId: string, loan: string, id: string): DomainEvent => ({
      source: 'test',
      id,
      type: 'payment.missed',
      customerId,
      loanId: loan,
      businessDate: '2026-09-01',
      payload: { dueDate: '2026-08-31', unpaidPrincipal: 50_000, unpaidInterest: 3_000, currency: 'CNY' },
    });
    await deps.database.db.transaction(async (tx) => {
      await handleDomainEvent(tx, deps, event(paid, loanPaid, 'm1'));
      await handleDomainEvent(tx, deps, event(unpaid, loanUnpaid, 'm2'));
      // The same event again starts nothing.
      expect(await handleDomainEvent(tx, deps, event(unpaid, loanUnpaid, 'm2'))).toEqual([]);
    });
    await runDueJourneys(deps);
    const msgs = (await officer.request('GET', `/api/v1/engagement/messages?customerId=${unpaid}`)).json()
      .items;
    expect(msgs[0]).toMatchObject({
      templateCode: 'payment-missed',
      legallyRequired: true,
      status: 'queued',
    });
    expect(msgs[0].body).toContain('¥530.00');
    // One borrower pays; three days later only the other gets a call task.
    await deps.database.db.transaction((tx) =>
      handleDomainEvent(tx, deps, {
        source: 'test',
        id: 'p1',
        type: 'payment.posted',
        customerId: paid,
        loanId: loanPaid,
        businessDate: '2026-09-02',
        payload: { amount: 53_000 },
      }),
    );
    deps.advance(3 * 86_400_000 + 1000);
    try {
      await runDueJourneys(deps);
      const runs = (await manager.request('GET', `/api/v1/engagement/journeys/${j.id}/runs`)).json().items;
      const rPaid = runs.find((r: { customerId: string }) => r.customerId === paid);
      const rUnpaid = runs.find((r: { customerId: string }) => r.customerId === unpaid);
      expect(rPaid.state).toBe('completed');
      expect(rUnpaid.state).toBe('active');
      expect(rUnpaid.waitingOn).toBe('wait-10d');
      expect(rUnpaid.history.map((h: { stepId: string }) => h.stepId)).toEqual([
        'notice',
        'wait-3d',
        'paid-1',
        'call',
      ]);
      const tasks = (await officer.request('GET', `/api/v1/customers/${unpaid}/tasks`)).json();
      expect(tasks).toHaveLength(1);
      expect(tasks[0].title).toContain('逾期电话提醒');
      // The demo rule sends collections tasks to the service agent.
      const team = (await manager.request('GET', '/api/v1/engagement/tasks/team')).json();
      const agent = team.members.find((m: { roles: string[] }) => m.roles.includes('service_agent'));
      expect(agent.tasks.map((t: { id: string }) => t.id)).toContain(tasks[0].id);
      expect((await officer.request('GET', `/api/v1/customers/${paid}/tasks`)).json()).toHaveLength(0);
    } finally {
      deps.setNow('2026-09-01T09:00:00Z');
    }
  });

  it('holds out a deterministic control group and measures the reminder’s effect with a confidence interval', async () => {
    const j = await journey('repayment-reminder-before');
    const { assignGroup } = await import('@bursar/core');
    // Customer ids are random: add customers until the deterministic draw holds at least one
    // out, so the test never depends on luck (10 % hold-out: 30 customers hold none 4 % of the time).
    const ids: string[] = [];
    while (ids.length < 30 || !ids.some((id) => assignGroup(j.code, id, 10) === 'holdout')) {
      ids.push(await newCustomer(officer, school));
      if (ids.length > 200) throw new Error('no customer drawn into the hold-out group');
    }
    const loans = ids.map(() => loanId());
    await deps.database.db.transaction(async (tx) => {
      for (const [i, id] of ids.entries()) {
        await handleDomainEvent(tx, deps, {
          source: 'test',
          id: `due-${i}`,
          type: 'payment.due_soon',
          customerId: id,
          loanId: loans[i],
          businessDate: '2026-09-01',
          payload: { dueDate: '2026-09-08', expectedPayment: 120_000, currency: 'CNY' },
        });
      }
    });
    await runDueJourneys(deps);
    const runs = (await manager.request('GET', `/api/v1/engagement/journeys/${j.id}/runs?limit=100`))
      .json()
      .items.filter((r: { customerId: string }) => ids.includes(r.customerId));
    const held = runs.filter((r: { group: string }) => r.group === 'holdout');
    expect(held.length).toBe(ids.filter((id) => assignGroup(j.code, id, 10) === 'holdout').length);
    expect(held.length).toBeGreaterThan(0);
    expect(held.length).toBeLessThan(runs.length / 2);
    for (const r of held) expect(r.history[0].note).toBe('held out: not contacted');
    const treated = runs.filter((r: { group: string }) => r.group === 'treatment');
    const msgs = await deps.database.query<{ n: number }>(
      `select count(*)::int as n from engagement_messages where journey_id = $1`,
      [j.id],
    );
    expect(msgs[0]!.n).toBe(treated.length);
    // Same customers, same groups (deterministic).
    for (const r of runs) expect(assignGroup(j.code, r.customerId, 10)).toBe(r.group);
    // Some miss the due date; measure after it.
    await deps.database.db.transaction(async (tx) => {
      for (const [i, id] of ids.entries()) {
        if (i % 3 === 0)
          await handleDomainEvent(tx, deps, {
            source: 'test',
            id: `miss-${i}`,
            type: 'payment.missed',
            customerId: id,
            loanId: loans[i],
            businessDate: '2026-09-09',
            payload: { dueDate: '2026-09-08' },
          });
      }
    });
    deps.setNow('2026-09-10T09:00:00Z');
    try {
      const effect = (await manager.request('GET', `/api/v1/engagement/journeys/${j.id}/effect`)).json();
      expect(effect.treatment.trials + effect.holdout.trials).toBe(ids.length);
      // Every third customer (i % 3 === 0) missed the due date.
      const missed = Math.ceil(ids.length / 3);
      expect(effect.treatment.successes + effect.holdout.successes).toBe(ids.length - missed);
      expect(effect.low).toBeLessThan(effect.difference);
      expect(effect.high).toBeGreaterThan(effect.difference);
      expect(effect.note).toMatch(/Fewer than 30/);
    } finally {
      deps.setNow('2026-09-01T09:00:00Z');
    }
  });

  it('starts onboarding from a date scan, loops follow-up visits, and calls ticket and survey hooks', async () => {
    const grad = await newCustomer(officer, school);
    // The enrolment ends 2027-07-01; 60 days before is 2027-05-02.
    deps.setNow('2027-05-02T02:00:00Z');
    try {
      expect(await scanDateTriggers(deps)).toBeGreaterThanOrEqual(1);
      expect(await scanDateTriggers(deps)).toBe(0);
      await runDueJourneys(deps);
      const msgs = (await officer.request('GET', `/api/v1/engagement/messages?customerId=${grad}`)).json()
        .items;
      expect(msgs.map((m: { templateCode: string }) => m.templateCode)).toContain('graduation-congrats');
    } finally {
      deps.setNow('2026-09-01T09:00:00Z');
    }
    // A custom journey with a ticket and a survey step, created and switched on through the API.
    const tickets: string[] = [];
    const off1 = registerJourneyActionHook('ticket', async (_tx, _d, a) => {
      tickets.push(a.customerId);
      return 'T-1';
    });
    try {
      const created = await manager.request('POST', '/api/v1/engagement/journeys', {
        code: 'bucket-care',
        name: { en: 'Arrears care', 'zh-CN': '逾期关怀' },
        definition: {
          triggers: [
            {
              type: 'delinquency.bucket_changed',
              condition: { fact: 'event.to', op: 'in', value: ['30-59', '60-89'] },
            },
          ],
          steps: [
            { id: 'ticket', kind: 'ticket', subject: 'Arrears review' },
            { id: 'survey', kind: 'survey', wave: 'arrears-2026' },
          ],
        },
        holdoutPercent: 0,
      });
      expect(created.statusCode, created.body).toBe(201);
      const bad = await manager.request('POST', '/api/v1/engagement/journeys', {
        code: 'broken',
        name: { en: 'x', 'zh-CN': 'x' },
        definition: {
          triggers: [{ type: 'payment.missed' }],
          steps: [{ id: 'a', kind: 'send', template: 'no-such-template', purpose: 'service' }],
        },
      });
      expect(bad.json().errors[0].field).toBe('definition.steps.0.template');
      await manager.request('PATCH', `/api/v1/engagement/journeys/${created.json().id}`, { enabled: true });
      const c = await newCustomer(officer, school);
      const ev = await manager.request('POST', '/api/v1/engagement/events', {
        id: 'b-1',
        type: 'delinquency.bucket_changed',
        customerId: c,
        payload: { from: 'current', to: '30-59', daysPastDue: 31 },
      });
      expect(
        ev
          .json()
          .started.map((s: { journey: string }) => s.journey)
          .sort(),
      ).toEqual(['bucket-care', 'follow-up-visits']);
      const low = await manager.request('POST', '/api/v1/engagement/events', {
        id: 'b-2',
        type: 'delinquency.bucket_changed',
        customerId: c,
        payload: { from: 'current', to: '1-29', daysPastDue: 3 },
      });
      expect(low.json().started).toEqual([]);
      await runDueJourneys(deps);
      expect(tickets).toEqual([c]);
      const runs = (
        await manager.request('GET', `/api/v1/engagement/journeys/${created.json().id}/runs`)
      ).json().items;
      expect(runs[0].history.map((h: { note?: string }) => h.note)).toEqual([
        'ticket T-1',
        'no survey module installed: skipped',
      ]);
      // Follow-up visits: a 回访 task now, another after 90 days while the customer is active.
      const tasksNow = (await officer.request('GET', `/api/v1/customers/${c}/tasks`)).json();
      expect(tasksNow.filter((t: { title: string }) => t.title.includes('回访'))).toHaveLength(1);
      deps.advance(91 * 86_400_000);
      await runDueJourneys(deps);
      const tasksLater = (await officer.request('GET', `/api/v1/customers/${c}/tasks`)).json();
      expect(tasksLater.filter((t: { title: string }) => t.title.includes('回访'))).toHaveLength(2);
    } finally {
      off1();
      deps.setNow('2026-09-01T09:00:00Z');
    }
  });
});

describe('interactions and tasks', () => {
  it('logs a call with a next step (a task), shows it on the timeline, and escalates the overdue task', async () => {
    const c = await newCustomer(officer, school);
    const res = await officer.request('POST', '/api/v1/engagement/interactions', {
      customerId: c,
      kind: 'call',
      outcome: 'promise_to_pay',
      notes: '学生承诺本周五前还款',
      nextStep: '周五核实还款 Check the payment on Friday',
      nextStepDue: '2026-09-04',
      durationMinutes: 6,
    });
    expect(res.statusCode, res.body).toBe(201);
    const i = res.json();
    expect(i.taskId).toBeTruthy();
    const timeline = (await officer.request('GET', `/api/v1/customers/${c}/timeline`)).json();
    expect(timeline.items ?? timeline).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'engagement.interaction_logged' })]),
    );
    const mine = (await officer.request('GET', '/api/v1/engagement/tasks/mine')).json().items;
    expect(mine.map((t: { id: string }) => t.id)).toContain(i.taskId);
    expect(
      (
        await officer.request('POST', '/api/v1/engagement/interactions', {
          customerId: c,
          kind: 'call',
          nextStepDue: '2026-09-04',
        })
      ).json().errors[0].field,
    ).toBe('nextStep');
    // Two days past the due date plus the grace of two: escalated to the manager, once.
    deps.setNow('2026-09-07T09:00:00Z');
    try {
      expect(await escalateOverdueTasks(deps)).toBeGreaterThanOrEqual(1);
      expect(await escalateOverdueTasks(deps)).toBe(0);
      const managerTasks = (await manager.request('GET', '/api/v1/engagement/tasks/mine?overdue=true')).json()
        .items;
      expect(managerTasks.map((t: { id: string }) => t.id)).toContain(i.taskId);
    } finally {
      deps.setNow('2026-09-01T09:00:00Z');
    }
  });
});

describe('enqueue in the cause’s transaction', () => {
  it('writes nothing when the cause rolls back', async () => {
    const c = await newCustomer(officer, school);
    await expect(
      deps.database.db.transaction(async (tx) => {
        await enqueueMessage(tx, deps, {
          customerId: c,
          content: { body: 'x' },
          purpose: 'service',
          source: { kind: 'test' },
          dedupeKey: 'rollback-1',
        });
        throw new Error('cause failed');
      }),
    ).rejects.toThrow('cause failed');
    const rows = await deps.database.query(
      `select 1 from engagement_messages where dedupe_key = 'rollback-1'`,
    );
    expect(rows).toHaveLength(0);
    void SYSTEM_ACTOR;
    expect(readdirSync(outbox).length).toBeGreaterThanOrEqual(0);
  });
});
