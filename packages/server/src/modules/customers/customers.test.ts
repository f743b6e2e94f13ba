import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import { onEnrolmentEvent, type EnrolmentEvent } from './index.ts';
import { cnId } from './test-fixtures.ts';

let deps: TestDeps;
let app: FastifyInstance;
let officer: Session; // loan_officer: customers.manage + pii.read
let agent: Session; // service_agent: customers.manage, no pii.read
let manager: Session;
let tsinghua: string;

async function login(username: string): Promise<Session> {
  const s = session(app);
  expect((await s.login(username, DEMO_PASSWORD)).statusCode).toBe(200);
  return s;
}

async function schoolId(s: Session, q: string): Promise<string> {
  const res = await s.request('GET', `/api/v1/schools?q=${encodeURIComponent(q)}`);
  expect(res.statusCode).toBe(200);
  return res.json().items[0].id;
}

function student(over: Record<string, unknown> = {}) {
  return {
    legalName: '王芳',
    preferredName: 'Wang Fang',
    dateOfBirth: '2005-03-14',
    gender: 'female',
    nationalIdType: 'cn_resident',
    nationalId: cnId('2005-03-14', 123),
    phone: '+86 139 1234 5678',
    email: 'wang.fang@example.cn',
    address: { line1: '朝阳区建国路 1 号', city: '北京', region: 'Beijing', country: 'CN' },
    preferredLanguage: 'zh-CN',
    preferredChannel: 'wechat',
    enrolment: {
      schoolId: tsinghua,
      level: 'undergraduate',
      yearOfStudy: 2,
      startDate: '2024-09-01',
      expectedGraduationDate: '2028-07-01',
      programmeName: '计算机科学与技术',
    },
    household: { size: 4, annualIncomeMinor: 80_000_00, currency: 'CNY', dependants: 2 },
    creditRecord: { fileStatus: 'none' },
    relatedParties: [{ relationship: 'parent', name: '王建国', phone: '13800138000', occupation: '农民' }],
    consents: [
      { purpose: 'service', granted: true, source: 'paper' },
      { purpose: 'marketing', granted: false, source: 'paper' },
    ],
    ...over,
  };
}

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
  officer = await login('officer');
  agent = await login('agent');
  manager = await login('manager');
  tsinghua = await schoolId(officer, '清华');
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

async function count(table: string): Promise<number> {
  const [r] = await deps.database.query<{ n: string }>(`select count(*)::text as n from ${table}`);
  return Number(r!.n);
}

describe('customer entry', () => {
  it('creates a student with enrolment, household, credit record, related party and consents, classified and masked', async () => {
    const res = await officer.request('POST', '/api/v1/customers', student({ externalRef: 'T-1' }));
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.nationalId).toMatch(/^110\*{11}\d{3}[\dX]$/);
    expect(c.phone).toBe('139****5678');
    expect(c.email).toBe('w***@example.cn');
    expect(c.piiRevealed).toBe(false);
    expect(c.school.nameLocal).toBe('清华大学');
    expect(c.classification.educationLevel).toMatchObject({ value: 'undergraduate' });
    expect(c.classification.economicStatus.value).toBe('standard');
    expect(c.classification.creditRecord.computed).toMatchObject({
      value: 'thin_or_none',
      rule: 'credit.thin',
    });
    expect(c.classification.loanNeed.value).toBe('tuition');
    expect(c.relatedParties[0]).toMatchObject({
      relationship: 'parent',
      name: '王建国',
      phone: '138****8000',
    });
    expect(c.enrolments[0].statusHistory).toHaveLength(1);
    expect(c.consents.map((x: { purpose: string; granted: boolean }) => `${x.purpose}:${x.granted}`)).toEqual(
      ['marketing:false', 'service:true'],
    );

    const audit = await deps.database.query<{ after: Record<string, unknown> }>(
      `select after from audit_events where action = 'customer.created' and entity_id = $1`,
      [c.id],
    );
    expect(audit).toHaveLength(1);
    const text = JSON.stringify(audit[0]!.after);
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain(student().nationalId);
    expect(text).not.toContain('王芳');
    const timeline = (await officer.request('GET', `/api/v1/customers/${c.id}/timeline`)).json();
    expect(timeline.map((e: { kind: string }) => e.kind)).toContain('customers.customer_created');
  });

  it('refuses bad input naming each field and writes nothing', async () => {
    const before = await count('customers');
    const bad = student({
      legalName: '李雷',
      nationalId: cnId('2005-03-14', 124).slice(0, 17) + (cnId('2005-03-14', 124).endsWith('1') ? '2' : '1'),
      dateOfBirth: '2031-01-01',
      enrolment: {
        schoolId: tsinghua,
        level: 'undergraduate',
        startDate: '2024-09-01',
        expectedGraduationDate: '2023-07-01',
      },
      phone: 'call me',
    });
    const res = await officer.request('POST', '/api/v1/customers', bad);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual([
      'dateOfBirth',
      'enrolment.expectedGraduationDate',
      'enrolment.startDate',
      'nationalId',
      'phone',
    ]);

    const unknownSchool = await officer.request(
      'POST',
      '/api/v1/customers',
      student({
        legalName: '李雷',
        nationalId: cnId('2005-03-14', 125),
        enrolment: { ...student().enrolment, schoolId: '00000000-0000-4000-8000-000000000000' },
      }),
    );
    expect(unknownSchool.statusCode).toBe(400);
    expect(unknownSchool.json().errors[0].field).toBe('enrolment.schoolId');

    const mismatch = await officer.request(
      'POST',
      '/api/v1/customers',
      student({ legalName: '李雷', nationalId: cnId('2004-01-01', 126) }),
    );
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors[0]).toMatchObject({
      field: 'nationalId',
      message: expect.stringMatching(/birth date 2004-01-01/),
    });

    const unknownField = await officer.request('POST', '/api/v1/customers', { ...student(), shoeSize: 42 });
    expect(unknownField.json().errors[0]).toMatchObject({ field: 'shoeSize', message: 'unknown field' });
    expect(await count('customers')).toBe(before);
  });

  it('detects duplicates on entry: the same ID number always, the same name and birth date unless allowed', async () => {
    const sameId = await officer.request('POST', '/api/v1/customers', student({ legalName: '王芳芳' }));
    expect(sameId.statusCode).toBe(409);
    expect(sameId.json().type).toBe('/problems/duplicate-customer');
    expect(sameId.json().candidates[0].legalName).toBe('王芳');

    const likely = { ...student({ nationalId: cnId('2005-03-14', 321) }), phone: undefined };
    const res = await officer.request('POST', '/api/v1/customers', likely);
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('/problems/possible-duplicate');
    const allowed = await officer.request('POST', '/api/v1/customers', { ...likely, allowDuplicate: true });
    expect(allowed.statusCode).toBe(201);

    // A preferred name on one record does not hide the same legal name and birth date.
    const preferred = await officer.request('POST', '/api/v1/customers', {
      ...likely,
      nationalId: cnId('2005-03-14', 323),
      preferredName: 'Fanny',
    });
    expect(preferred.statusCode).toBe(409);
    expect(preferred.json().type).toBe('/problems/possible-duplicate');

    const ref = await officer.request(
      'POST',
      '/api/v1/customers',
      student({ legalName: 'Other', nationalId: cnId('2005-03-14', 322), externalRef: 'T-1' }),
    );
    expect(ref.statusCode).toBe(409);
    expect(ref.json().errors[0].field).toBe('externalRef');
  });
});

describe('masking and revealing personal data', () => {
  it('reveals only with pii.read, and audits every unmasking', async () => {
    const list = (await officer.request('GET', '/api/v1/customers?q=T-1')).json();
    const id = (await officer.request('GET', '/api/v1/customers?q=王芳'))
      .json()
      .items.find((c: { externalRef: string }) => c.externalRef === 'T-1').id;
    expect(list).toBeDefined();
    const plain = await officer.request('GET', `/api/v1/customers/${id}?reveal=true`);
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).toMatchObject({
      piiRevealed: true,
      phone: '13912345678',
      nationalId: student().nationalId,
      email: 'wang.fang@example.cn',
    });
    const pii = await officer.request('GET', `/api/v1/customers/${id}/pii`);
    expect(pii.json().relatedParties[0].phone).toBe('13800138000');
    const reads = await deps.database.query(
      `select actor_name from audit_events where action = 'customer.pii_read' and entity_id = $1`,
      [id],
    );
    expect(reads.map((r) => r.actor_name)).toEqual(['officer', 'officer']);

    const refused = await agent.request('GET', `/api/v1/customers/${id}?reveal=true`);
    expect(refused.statusCode).toBe(403);
    const masked = (await agent.request('GET', `/api/v1/customers/${id}`)).json();
    expect(masked.phone).toBe('139****5678');
    expect((await agent.request('GET', `/api/v1/customers/${id}/pii`)).statusCode).toBe(403);
  });
});

describe('search', () => {
  let college: string;
  beforeAll(async () => {
    const sch = await manager.request('POST', '/api/v1/schools', {
      name: 'Qiantang Test Polytechnic',
      nameLocal: '钱塘测试职业学院',
      country: 'cn',
      region: 'Zhejiang',
      type: 'public',
      highestLevel: 'associate',
      programmeYears: 3,
    });
    expect(sch.statusCode, sch.body).toBe(201);
    college = sch.json().id;
    expect((await officer.request('GET', '/api/v1/schools?q=钱塘')).json().items[0].id).toBe(college);
    const people = [
      {
        legalName: '端木晓冉',
        preferredName: 'Duanmu Xiaoran',
        dateOfBirth: '2004-05-01',
        seq: 11,
        phone: '13700001111',
        email: 'xr.duanmu@example.cn',
        school: college,
      },
      {
        legalName: 'Emilia Thornbury',
        dateOfBirth: '2003-02-02',
        seq: 12,
        phone: '+1 415 555 0134',
        email: 'emilia.t@example.com',
        school: college,
      },
      {
        legalName: '诸葛娜娜',
        dateOfBirth: '2002-12-12',
        seq: 13,
        phone: '13911112222',
        email: 'nana.zg@example.cn',
        school: tsinghua,
      },
    ];
    for (const p of people) {
      const res = await officer.request(
        'POST',
        '/api/v1/customers',
        student({
          legalName: p.legalName,
          preferredName: p.preferredName,
          dateOfBirth: p.dateOfBirth,
          nationalId: cnId(p.dateOfBirth, p.seq),
          phone: p.phone,
          email: p.email,
          enrolment: { ...student().enrolment, schoolId: p.school },
          relatedParties: [],
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  const names = async (q: string, extra = '') =>
    (await officer.request('GET', `/api/v1/customers?q=${encodeURIComponent(q)}${extra}`))
      .json()
      .items.map((c: { legalName: string }) => c.legalName);

  it('finds Chinese names by part, English names despite a typo, and email by prefix', async () => {
    expect(await names('晓冉')).toEqual(['端木晓冉']);
    expect(await names('诸葛')).toEqual(['诸葛娜娜']);
    expect(await names('xiaoran')).toEqual(['端木晓冉']);
    expect(await names('Thornbery')).toContain('Emilia Thornbury');
    expect(await names('emilia.t@')).toEqual(['Emilia Thornbury']);
  });

  it('finds exact ID and phone numbers through the blind index, and phones by their last four digits', async () => {
    expect(await names(cnId('2002-12-12', 13))).toEqual(['诸葛娜娜']);
    expect(await names(cnId('2002-12-12', 13).slice(0, 10))).toEqual([]);
    expect(await names('+86 137-0000-1111')).toEqual(['端木晓冉']);
    expect(await names('4155550134')).toEqual([]);
    expect(await names('+14155550134')).toEqual(['Emilia Thornbury']);
    expect(await names('2222')).toContain('诸葛娜娜');
  });

  it('filters by school and class', async () => {
    const atCollege = (await officer.request('GET', `/api/v1/customers?schoolId=${college}`)).json();
    expect(atCollege.items.map((c: { legalName: string }) => c.legalName).sort()).toEqual([
      'Emilia Thornbury',
      '端木晓冉',
    ]);
    expect(atCollege.total).toBe(2);
    expect(
      (await officer.request('GET', `/api/v1/customers?schoolId=${college}&level=master`)).json().items,
    ).toEqual([]);
    expect(
      (
        await officer.request('GET', `/api/v1/customers?schoolId=${college}&level=undergraduate&q=xiaoran`)
      ).json().total,
    ).toBe(1);
  });
});

describe('who sees whom', () => {
  it('limits a school officer to their school and a student to their own record (as the demo seed links them)', async () => {
    const [links] = await deps.database.query<{ school_id: string; customer_id: string }>(
      `select (select school_id from users where username = 'school') as school_id, (select customer_id from users where username = 'student') as customer_id`,
    );
    const all = (await officer.request('GET', '/api/v1/customers?limit=200')).json().items as {
      id: string;
      legalName: string;
      school: { id: string } | null;
    }[];
    const outside = all.find((c) => c.school?.id !== links!.school_id)!;

    const so = await login('school');
    const seen = (await so.request('GET', '/api/v1/customers?limit=200')).json();
    expect(seen.total).toBeGreaterThan(0);
    expect(seen.items.every((c: { school: { id: string } }) => c.school.id === links!.school_id)).toBe(true);
    expect((await so.request('GET', `/api/v1/customers/${outside.id}`)).statusCode).toBe(404);
    expect((await so.request('GET', `/api/v1/customers/${seen.items[0].id}`)).statusCode).toBe(200);
    expect(
      (await so.request('PATCH', `/api/v1/customers/${seen.items[0].id}`, { legalName: 'x' })).statusCode,
    ).toBe(403);

    const me = await login('student');
    const mine = (await me.request('GET', '/api/v1/customers')).json();
    expect(mine.items.map((c: { id: string; legalName: string }) => [c.id, c.legalName])).toEqual([
      [links!.customer_id, '张小明'],
    ]);
    expect((await me.request('GET', `/api/v1/customers/${outside.id}`)).statusCode).toBe(404);
    const own = await me.request('GET', `/api/v1/customers/${links!.customer_id}?reveal=true`);
    expect(own.statusCode).toBe(200);
    expect(own.json().piiRevealed).toBe(true);
    const consent = await me.request('POST', `/api/v1/customers/${links!.customer_id}/consents`, {
      purpose: 'marketing',
      granted: true,
      source: 'app',
    });
    expect(consent.statusCode).toBe(201);
    expect(
      (
        await me.request('POST', `/api/v1/customers/${outside.id}/consents`, {
          purpose: 'marketing',
          granted: true,
          source: 'app',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await me.request('PATCH', `/api/v1/customers/${links!.customer_id}`, { legalName: 'x' })).statusCode,
    ).toBe(403);
    // Staff notes, tasks and the full timeline stay internal, even on the student's own record.
    for (const part of ['notes', 'tasks', 'timeline']) {
      expect(
        (await me.request('GET', `/api/v1/customers/${links!.customer_id}/${part}`)).statusCode,
        part,
      ).toBe(403);
    }
    const meBody = (await me.request('GET', '/api/v1/auth/me')).json();
    expect(meBody.user.customerId).toBe(links!.customer_id);
  });
});

describe('classification, enrolment and the timeline', () => {
  let id: string;
  let enrolmentId: string;
  const events: EnrolmentEvent[] = [];

  beforeAll(async () => {
    onEnrolmentEvent((e) => {
      events.push(e);
    });
    const res = await officer.request(
      'POST',
      '/api/v1/customers',
      student({
        legalName: '刘洋',
        nationalId: cnId('2004-08-08', 55),
        dateOfBirth: '2004-08-08',
        phone: '13655556666',
        email: 'liu.yang@example.cn',
        relatedParties: [],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    enrolmentId = res.json().enrolments[0].id;
  });

  it('recomputes classes when inputs change and keeps a staff override with its reason', async () => {
    const h = await officer.request('PUT', `/api/v1/customers/${id}/household`, {
      size: 5,
      annualIncomeMinor: 30_000_00,
      currency: 'CNY',
      needs: [{ code: 'poverty_registered', evidenceRef: 'DOC-2025-001', verified: true }],
    });
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json().classification.economicStatus.computed).toMatchObject({
      value: 'financial_need',
      rule: 'econ.need_indicator',
    });
    expect(h.json().household.needs[0]).toMatchObject({ code: 'poverty_registered', verifiedBy: 'officer' });

    const cr = await officer.request('PUT', `/api/v1/customers/${id}/credit-record`, {
      bureauScore: 540,
      fileStatus: 'established',
      delinquencies: 0,
    });
    expect(cr.json().classification.creditRecord.computed.rule).toBe('credit.low_score');

    const o = await officer.request('POST', `/api/v1/customers/${id}/classification/overrides`, {
      axis: 'loanNeed',
      value: 'living_expenses',
      reason: 'tuition waived by the university',
    });
    expect(o.statusCode).toBe(200);
    expect(o.json().classification.loanNeed).toMatchObject({
      value: 'living_expenses',
      computed: { value: 'tuition' },
      override: { reason: 'tuition waived by the university', by: 'officer' },
    });
    const bad = await officer.request('POST', `/api/v1/customers/${id}/classification/overrides`, {
      axis: 'loanNeed',
      value: 'yacht',
      reason: 'x',
    });
    expect(bad.json().errors[0].field).toBe('value');

    const listed = (
      await officer.request('GET', '/api/v1/customers?economicStatus=financial_need&loanNeed=living_expenses')
    ).json();
    expect(listed.items.map((c: { id: string }) => c.id)).toContain(id);

    const actions = (
      await deps.database.query<{ action: string }>(
        `select action from audit_events where entity_id = $1 order by seq`,
        [id],
      )
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'customer.household_updated',
        'customer.reclassified',
        'customer.class_overridden',
      ]),
    );
    const kinds = (await officer.request('GET', `/api/v1/customers/${id}/timeline`))
      .json()
      .map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['customers.classification_changed', 'customers.classification_overridden']),
    );
  });

  it('keeps enrolment status history, records term results, and tells other modules about graduation', async () => {
    const r = await officer.request('POST', `/api/v1/customers/${id}/enrolments/${enrolmentId}/results`, {
      term: '2025-1',
      gpa: 3.6,
      gpaScale: 4,
      creditsEarned: 24,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().enrolments[0].results[0]).toMatchObject({ term: '2025-1', gpa: 3.6 });
    const early = await officer.request('POST', `/api/v1/customers/${id}/enrolments/${enrolmentId}/status`, {
      status: 'graduated',
      effectiveDate: '2024-01-01',
    });
    expect(early.json().errors[0].field).toBe('effectiveDate');
    const leave = await officer.request('POST', `/api/v1/customers/${id}/enrolments/${enrolmentId}/status`, {
      status: 'on_leave',
      effectiveDate: '2025-03-01',
      reason: 'illness',
    });
    expect(leave.statusCode, leave.body).toBe(200);
    const bad = await officer.request('POST', `/api/v1/customers/${id}/enrolments/${enrolmentId}/status`, {
      status: 'graduated',
      effectiveDate: '2025-06-01',
    });
    expect(bad.statusCode).toBe(409);
    await officer.request('POST', `/api/v1/customers/${id}/enrolments/${enrolmentId}/status`, {
      status: 'enrolled',
      effectiveDate: '2025-09-01',
    });
    const grad = await officer.request('POST', `/api/v1/customers/${id}/enrolments/${enrolmentId}/status`, {
      status: 'graduated',
      effectiveDate: '2026-07-01',
    });
    expect(grad.statusCode).toBe(200);
    expect(grad.json().enrolments[0].statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'enrolled',
      'on_leave',
      'enrolled',
      'graduated',
    ]);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'graduated', customerId: id, effectiveDate: '2026-07-01' }),
    );
    expect(
      (
        await officer.request('POST', `/api/v1/customers/${id}/enrolments/${enrolmentId}/status`, {
          status: 'enrolled',
          effectiveDate: '2026-08-01',
        })
      ).json().type,
    ).toBe('/problems/enrolment-closed');
  });

  it('keeps tags, notes and tasks, each on the timeline', async () => {
    expect(
      (await agent.request('POST', `/api/v1/customers/${id}/tags`, { add: ['vip', '回访'] })).json(),
    ).toEqual({ tags: ['vip', '回访'] });
    expect((await agent.request('POST', `/api/v1/customers/${id}/tags`, { remove: ['vip'] })).json()).toEqual(
      { tags: ['回访'] },
    );
    const note = await agent.request('POST', `/api/v1/customers/${id}/notes`, {
      body: '电话回访：学生反映家庭困难',
    });
    expect(note.statusCode).toBe(201);
    const task = await agent.request('POST', `/api/v1/customers/${id}/tasks`, {
      title: 'Collect poverty certificate',
      dueDate: '2026-09-15',
    });
    expect(task.statusCode).toBe(201);
    const mine = (await agent.request('GET', '/api/v1/tasks')).json();
    expect(mine.map((t: { id: string }) => t.id)).toContain(task.json().id);
    const done = await agent.request('PATCH', `/api/v1/customers/${id}/tasks/${task.json().id}`, {
      status: 'done',
    });
    expect(done.json()).toMatchObject({ status: 'done', completedAt: expect.any(String) });
    const kinds = (await agent.request('GET', `/api/v1/customers/${id}/timeline?limit=100`))
      .json()
      .map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'customers.tags_changed',
        'customers.note_added',
        'customers.task_created',
        'customers.task_status_changed',
      ]),
    );
    expect((await agent.request('GET', `/api/v1/customers/${id}/notes`)).json()[0].body).toContain(
      '电话回访',
    );
  });

  it('exports everything for the data subject, then anonymises the closed customer', async () => {
    expect(
      (
        await manager.request('POST', `/api/v1/customers/${id}/anonymise`, { reason: 'erasure request' })
      ).json().type,
    ).toBe('/problems/not-closed');
    const exp = await manager.request('GET', `/api/v1/customers/${id}/export`);
    expect(exp.statusCode).toBe(200);
    expect(exp.json().customer.phone).toBe('13655556666');
    expect(exp.json().notes.length).toBe(1);
    expect(
      (await manager.request('POST', `/api/v1/customers/${id}/close`, { reason: 'loan repaid' })).json()
        .status,
    ).toBe('closed');
    const anon = await manager.request('POST', `/api/v1/customers/${id}/anonymise`, {
      reason: 'erasure request',
    });
    expect(anon.statusCode, anon.body).toBe(200);
    expect(anon.json()).toMatchObject({
      status: 'anonymised',
      legalName: 'Anonymised customer',
      phone: null,
      nationalId: null,
      email: null,
      relatedParties: [],
    });
    const [row] = await deps.database.query(
      `select national_id_enc, phone_enc, national_id_hash, email from customers where id = $1`,
      [id],
    );
    expect(row).toEqual({ national_id_enc: null, phone_enc: null, national_id_hash: null, email: null });
    expect((await manager.request('GET', `/api/v1/customers/${id}/notes`)).json()[0].body).toMatch(/removed/);
    const actions = (
      await deps.database.query<{ action: string }>(`select action from audit_events where entity_id = $1`, [
        id,
      ])
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['customer.data_exported', 'customer.closed', 'customer.anonymised']),
    );
  });
});
