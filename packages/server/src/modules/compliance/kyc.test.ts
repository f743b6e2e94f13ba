// KYC / AML end to end over HTTP and through the module's public functions: the identity
// provider (pass / review / fail, local check digit), sanctions list imports (versions, checksum,
// counts, an unchanged re-import), screening a Hanzi name against a pinyin listing and a spelling
// variant, the re-screening job (resumable, and a batch run twice adds no hit), the review queue
// and the disbursement block, payee-change cooling-off, and a suspicious-activity case with a
// ledger journal as evidence.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { createCustomer, seedDemoCustomers } from '../customers/index.ts';
import { createUser } from '../identity/index.ts';
import { installBuiltInProducts } from '../products/index.ts';
import { disburseTranche, loanJournals, openLoan, STAFF_ACCESS } from '../servicing/index.ts';
import { FileIdentityProvider } from './identity-verification.ts';
import { kycSettings } from './kyc.settings.ts';
import { assertDisbursementAllowed } from './payee-controls.service.ts';
import { runRescreens } from './sanctions.service.ts';

const DATA = new URL('./data/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DATA), 'utf8');
const OPS = { ...SYSTEM_ACTOR, actorName: 'kyc-test' };

let deps: TestDeps;
let app: FastifyInstance;
let auditor: Session;
let auditor2: Session;
let officer: Session;
let student: Session;
let wang: string;
let hasan: string;
let emily: string;
let studentCustomerId: string;

const customer = async (legalName: string, dateOfBirth?: string) =>
  (await createCustomer(deps, OPS, { legalName, ...(dateOfBirth ? { dateOfBirth } : {}), status: 'prospect' })).id;
const hitCount = async () =>
  Number((await rowsOf<{ n: string }>(deps.database.db, sql`select count(*) as n from sanctions_hits`))[0]!.n);
const auditActions = async (entityId: string) =>
  (
    await rowsOf<{ action: string }>(
      deps.database.db,
      sql`select action from audit_events where entity_id = ${entityId} order by occurred_at`,
    )
  ).map((r) => r.action);

beforeAll(async () => {
  deps = await openTestDeps();
  const demo = await seedDemoCustomers(deps, SYSTEM_ACTOR, 25);
  studentCustomerId = demo.studentCustomerId;
  for (const [username, role] of [
    ['auditor', 'compliance_auditor'],
    ['auditor2', 'compliance_auditor'],
    ['officer', 'loan_officer'],
    ['student', 'student'],
  ] as const)
    await createUser(deps, SYSTEM_ACTOR, {
      username,
      displayName: username,
      password: DEMO_PASSWORD,
      roles: [role],
      ...(role === 'student' ? { customerId: demo.studentCustomerId } : {}),
    });
  app = (await testApp(deps)).app;
  auditor = session(app);
  await auditor.login('auditor', DEMO_PASSWORD);
  auditor2 = session(app);
  await auditor2.login('auditor2', DEMO_PASSWORD);
  officer = session(app);
  await officer.login('officer', DEMO_PASSWORD);
  student = session(app);
  await student.login('student', DEMO_PASSWORD);
  wang = await customer('王小明', '2002-03-15');
  hasan = await customer('Muhammad Ali Hasan');
  emily = await customer('Emily Johnson', '2003-05-14');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await deps?.dispose();
});

describe('identity verification', () => {
  const file = kycSettings({}).BURSAR_KYC_PROVIDER_FILE;
  const provider = new FileIdentityProvider(file);

  it('the file-driven provider answers pass, review and fail', async () => {
    const cn = (name: string, idNumber: string) =>
      provider.verify({ kind: 'cn_national_id', name, idNumber, selfieSha256: 'b'.repeat(64) });
    expect(await cn('王小明', '110108200203151238')).toMatchObject({ outcome: 'pass', reasons: [], faceMatchScore: 0.962 });
    expect(await cn('李娜', '310115200307082346')).toMatchObject({ outcome: 'review', reasons: ['face-match-low'] });
    expect(await cn('陈志强', '440304200111223451')).toMatchObject({ outcome: 'fail', reasons: ['face-mismatch'] });
    expect(await cn('张伟', '510107200401014566')).toMatchObject({ outcome: 'fail', reasons: ['id-reported-lost'] });
    expect(await cn('王大明', '110108200203151238')).toMatchObject({ outcome: 'fail', reasons: ['name-mismatch'] });
    expect(await cn('王小明', '110101199001011237')).toMatchObject({ outcome: 'fail', reasons: ['identity-not-found'] });
    const us = (name: string, taxId: string, dateOfBirth: string, postalCode: string) =>
      provider.verify({
        kind: 'us_cip',
        name,
        taxId,
        dateOfBirth,
        address: { line1: '1 Main St', city: 'Cambridge', region: 'MA', postalCode },
      });
    expect((await us('Emily Johnson', '123-45-6789', '2003-05-14', '02139')).outcome).toBe('pass');
    expect(await us('Emily Johnson', '123456789', '2003-05-14', '02140')).toMatchObject({
      outcome: 'review',
      reasons: ['address-mismatch'],
    });
    expect(await us('Emily Johnson', '123-45-6789', '2003-05-15', '02139')).toMatchObject({
      outcome: 'fail',
      reasons: ['birth-date-mismatch'],
    });
    expect(await us('Michael Brown', '219-09-9999', '2001-02-02', '60614')).toMatchObject({ outcome: 'review' });
  });

  it('stores the result per customer, masked and audited; a bad check digit never reaches the provider', async () => {
    const ok = await officer.request('POST', `/api/v1/kyc/customers/${wang}/verifications`, {
      kind: 'cn_national_id',
      name: '王小明',
      idNumber: '110108200203151238',
      selfieSha256: 'c'.repeat(64),
      trigger: 'onboarding',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ outcome: 'pass', provider: 'file', idNumber: '110***********1238' });
    expect(ok.json().providerRef).toMatch(/^file-[0-9a-f]{16}$/);
    const bad = await officer.request('POST', `/api/v1/kyc/customers/${wang}/verifications`, {
      kind: 'cn_national_id',
      name: '王小明',
      idNumber: '110108200203151239',
      selfieSha256: 'c'.repeat(64),
    });
    expect(bad.json()).toMatchObject({ outcome: 'fail', provider: 'local', reasons: ['id-check-digit'] });
    const ssn = await officer.request('POST', `/api/v1/kyc/customers/${emily}/verifications`, {
      kind: 'us_cip',
      name: 'Emily Johnson',
      dateOfBirth: '2003-05-14',
      address: { line1: '1 Main St', city: 'Cambridge', region: 'MA', postalCode: '02139' },
      taxId: '666-12-3456',
    });
    expect(ssn.json()).toMatchObject({ outcome: 'fail', reasons: ['ssn-not-issuable'] });
    const missing = await officer.request('POST', `/api/v1/kyc/customers/${emily}/verifications`, {
      kind: 'us_cip',
      name: 'Emily Johnson',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const page = await officer.request('GET', `/api/v1/kyc/customers/${wang}`);
    expect(page.json().verifications.map((v: { outcome: string }) => v.outcome)).toEqual(['fail', 'pass']);
    expect(await auditActions(wang)).toEqual(
      expect.arrayContaining(['kyc_verification.pass', 'kyc_verification.fail']),
    );
    const stored = await rowsOf<{ id_number_enc: string }>(
      deps.database.db,
      sql`select id_number_enc from kyc_verifications where customer_id = ${wang}`,
    );
    expect(stored.every((r) => !r.id_number_enc.includes('110108'))).toBe(true);
    expect((await student.request('GET', `/api/v1/kyc/customers/${wang}`)).statusCode).toBe(403);
  });
});

describe('sanctions lists and screening', () => {
  let rescreenId: string;

  it('imports the OFAC SDN files as a version with counts and checksum; the same files again change nothing', async () => {
    const body = {
      format: 'ofac_sdn',
      listCode: 'ofac_sdn',
      sourceName: 'sample',
      sdnCsv: read('ofac-sample/sdn.csv'),
      altCsv: read('ofac-sample/alt.csv'),
    };
    expect((await officer.request('POST', '/api/v1/sanctions/imports', body)).statusCode).toBe(403);
    const first = await auditor.request('POST', '/api/v1/sanctions/imports', body);
    expect(first.statusCode).toBe(201);
    expect(first.json().version).toMatchObject({ version: 1, entryCount: 10, aliasCount: 10, rowCount: 20 });
    expect(first.json().version.checksum).toMatch(/^[0-9a-f]{64}$/);
    rescreenId = first.json().rescreenId;
    const again = await auditor.request('POST', '/api/v1/sanctions/imports', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ unchanged: true, rescreenId: null, version: { version: 1 } });
    const broken = await auditor.request('POST', '/api/v1/sanctions/imports', {
      ...body,
      altCsv: '99999,1,"aka","NOBODY",-0-\n',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors[0].field).toBe('alt');
    const entries = await auditor.request('GET', `/api/v1/sanctions/lists/${first.json().version.id}/entries`);
    const bin = entries.json().items.find((e: { entryRef: string }) => e.entryRef === '2674');
    expect(bin.birthDates).toEqual(['1957-07-30', '1958']);
    expect(bin.names.map((n: { name: string }) => n.name)).toContain('Osama BIN LADEN');
  });

  it('screens at onboarding: a Hanzi name against its pinyin listing, a spelling variant, and not a different name', async () => {
    const w = await officer.request('POST', `/api/v1/kyc/customers/${wang}/screen`);
    expect(w.statusCode).toBe(200);
    expect(w.json().hits).toHaveLength(1);
    expect(w.json().hits[0]).toMatchObject({ entryRef: '31412', status: 'pending', customerName: '王小明' });
    const h = await officer.request('POST', `/api/v1/kyc/customers/${hasan}/screen`);
    expect(h.json().hits.map((x: { entryRef: string }) => x.entryRef)).toEqual(['9647']);
    const e = await officer.request('POST', `/api/v1/kyc/customers/${emily}/screen`);
    expect(e.json()).toMatchObject({ newHits: 0, hits: [] });
    // Screening again raises nothing new.
    expect((await officer.request('POST', `/api/v1/kyc/customers/${wang}/screen`)).json().newHits).toBe(0);
  });

  it('re-screens every customer after an import, batch by batch, resumable and idempotent', async () => {
    const before = await hitCount();
    // One small batch, as if the worker stopped after it.
    await runRescreens(deps, OPS, { rescreenId, maxBatches: 1, batchSize: 10 });
    const [mid] = await rowsOf<{ status: string; screened: number; cursor: string | null }>(
      deps.database.db,
      sql`select status, screened, cursor from sanctions_rescreens where id = ${rescreenId}`,
    );
    expect(mid).toMatchObject({ status: 'running', screened: 10 });
    expect(mid!.cursor).not.toBeNull();
    await runRescreens(deps, OPS, { rescreenId, batchSize: 10 });
    const done = await auditor.request('POST', `/api/v1/sanctions/rescreens/${rescreenId}/run`);
    const [count] = await rowsOf<{ n: string }>(
      deps.database.db,
      sql`select count(*) as n from customers where status not in ('merged', 'anonymised')`,
    );
    expect(done.json()).toMatchObject({ status: 'done', screened: Number(count!.n) });
    // The hits found at onboarding are not raised twice.
    const afterFirst = await hitCount();
    expect(afterFirst).toBe(before + done.json().hits);
    // Run it all again from the start (a crash before the cursor moved): no hit is added.
    await deps.database.db.execute(
      sql`update sanctions_rescreens set status = 'running', cursor = null where id = ${rescreenId}`,
    );
    await runRescreens(deps, OPS, { rescreenId, batchSize: 10 });
    expect(await hitCount()).toBe(afterFirst);
  });

  it('an updated list (a new entry) is a new version whose re-screening finds only the new match', async () => {
    const lee = await customer('Li Na Mei', '1990-12-31');
    const cn = await auditor.request('POST', '/api/v1/sanctions/imports', {
      format: 'generic_csv',
      listCode: 'cn_sample',
      sourceName: 'CN sample',
      csv: read('cn-sample-list.csv'),
    });
    expect(cn.statusCode).toBe(201);
    const before = await hitCount();
    const ran = await auditor.request('POST', `/api/v1/sanctions/rescreens/${cn.json().rescreenId}/run`);
    expect(ran.json().status).toBe('done');
    // 王小明 is on the Chinese sample in Hanzi as well; nobody else on it is a customer.
    const wangHits = (await auditor.request('GET', `/api/v1/kyc/customers/${wang}`)).json().hits;
    expect(wangHits.map((x: { listCode: string }) => x.listCode).sort()).toEqual(['cn_sample', 'ofac_sdn']);
    const updated = await auditor.request('POST', '/api/v1/sanctions/imports', {
      format: 'generic_csv',
      listCode: 'cn_sample',
      sourceName: 'CN sample, updated',
      csv: `${read('cn-sample-list.csv').trimEnd()}\nCN-2024-004,李娜美,individual,LI Namei,1990-12-31,MPS-WANTED,added\n`,
    });
    expect(updated.json().version).toMatchObject({ version: 2, entryCount: 4 });
    const run2 = await auditor.request('POST', `/api/v1/sanctions/rescreens/${updated.json().rescreenId}/run`);
    expect(await hitCount()).toBe(before + ran.json().hits + run2.json().hits);
    const leeHits = (await auditor.request('GET', `/api/v1/kyc/customers/${lee}`)).json().hits;
    expect(leeHits).toMatchObject([{ listCode: 'cn_sample', entryRef: 'CN-2024-004', origin: 'rescreen' }]);
  });

  it('a reviewer decides hits; a confirmed match blocks disbursement', async () => {
    const queue = await auditor.request('GET', '/api/v1/sanctions/hits?status=pending');
    const items = queue.json().items as { id: string; customerId: string; listCode: string; entry: unknown }[];
    const wangHit = items.find((x) => x.customerId === wang && x.listCode === 'ofac_sdn')!;
    const hasanHit = items.find((x) => x.customerId === hasan)!;
    expect(wangHit.entry).toMatchObject({ primaryName: 'WANG, Xiaoming' });
    expect((await officer.request('POST', `/api/v1/sanctions/hits/${wangHit.id}/review`, {})).statusCode).toBe(403);
    const bad = await auditor.request('POST', `/api/v1/sanctions/hits/${wangHit.id}/review`, { decision: 'confirmed' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('reason');
    const yes = await auditor.request('POST', `/api/v1/sanctions/hits/${wangHit.id}/review`, {
      decision: 'confirmed',
      reason: 'Name and place of birth match the listing; ID photo compared with the SDN photo.',
    });
    expect(yes.json()).toMatchObject({ status: 'confirmed', reviewedBy: 'auditor' });
    const twice = await auditor2.request('POST', `/api/v1/sanctions/hits/${wangHit.id}/review`, {
      decision: 'false_positive',
      reason: 'x',
    });
    expect(twice.statusCode).toBe(409);
    const no = await auditor.request('POST', `/api/v1/sanctions/hits/${hasanHit.id}/review`, {
      decision: 'false_positive',
      reason: 'Birth date 2004 vs listed 1971; different nationality.',
    });
    expect(no.json().status).toBe('false_positive');
    expect(await auditActions(wangHit.id)).toEqual(['sanctions_hit.raised', 'sanctions_hit.confirmed']);
    await expect(
      assertDisbursementAllowed(deps.database.db, { customerId: wang, payee: 'school', now: deps.now() }),
    ).rejects.toMatchObject({ status: 409, slug: 'sanctions-match-confirmed' });
    await expect(
      assertDisbursementAllowed(deps.database.db, { customerId: hasan, payee: 'school', now: deps.now() }),
    ).resolves.toBeUndefined();
  });
});

describe('payee-change controls', () => {
  it('refuses disbursement to a changed account until re-verified by someone else and the cooling-off has passed', async () => {
    const allowed = () =>
      assertDisbursementAllowed(deps.database.db, { customerId: emily, payee: 'student', now: deps.now() });
    const first = await officer.request('POST', `/api/v1/kyc/customers/${emily}/accounts`, {
      payee: 'student',
      holderName: 'Emily Johnson',
      bankName: 'Cambridge Savings Bank',
      accountNumber: '0012 3456 7890',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'active', payable: true, account: '****7890' });
    await expect(allowed()).resolves.toBeUndefined();
    const noReason = await officer.request('POST', `/api/v1/kyc/customers/${emily}/accounts`, {
      payee: 'student',
      holderName: 'Emily Johnson',
      bankName: 'Other Bank',
      accountNumber: '9988776655',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const change = await officer.request('POST', `/api/v1/kyc/customers/${emily}/accounts`, {
      payee: 'student',
      holderName: 'Emily Johnson',
      bankName: 'Other Bank',
      accountNumber: '9988776655',
      reason: 'Customer phoned in: new bank account',
    });
    expect(change.json()).toMatchObject({ status: 'pending', isChange: true, inCoolingOff: true, payable: false });
    await expect(allowed()).rejects.toMatchObject({ status: 409, slug: 'payee-change-unverified' });
    const own = await officer.request('POST', `/api/v1/payee-changes/${change.json().id}/verify`, {
      method: 'callback',
      note: 'called back',
    });
    expect(own.statusCode).toBe(403); // a loan officer may not verify at all
    const self = await auditor.request('POST', `/api/v1/kyc/customers/${emily}/accounts`, {
      payee: 'school',
      holderName: 'MIT Bursar',
      bankName: 'Bank',
      accountNumber: '55554444',
    });
    expect(self.statusCode).toBe(201);
    const verified = await auditor.request('POST', `/api/v1/payee-changes/${change.json().id}/verify`, {
      method: 'callback',
      note: 'Called the number on file; the customer confirmed the new account',
    });
    expect(verified.json()).toMatchObject({ status: 'active', verifiedBy: 'auditor', payable: false });
    const err = await allowed().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, slug: 'payee-cooling-off' });
    expect((err as { extensions: { errors: { field: string }[] } }).extensions.errors[0]!.field).toBe('payee');
    deps.advance((kycSettings({}).BURSAR_PAYEE_COOLING_OFF_HOURS + 1) * 3_600_000);
    await expect(allowed()).resolves.toBeUndefined();
    // Three days on, the sessions have timed out: sign in again.
    for (const [s, u] of [[auditor, 'auditor'], [auditor2, 'auditor2'], [officer, 'officer'], [student, 'student']] as const)
      await s.login(u, DEMO_PASSWORD);
    const list = await auditor.request('GET', '/api/v1/payee-changes');
    expect(list.json().items[0]).toMatchObject({ customerName: 'Emily Johnson', status: 'active' });
    expect(await auditActions(emily)).toEqual(
      expect.arrayContaining([
        'payee_account.registered',
        'payee_account.change_requested',
        'payee_account.change_verified',
      ]),
    );
  });
});

describe('suspicious-activity cases', () => {
  it('opens a case with a filing deadline, links a ledger journal, files it; compliance staff only', async () => {
    await installBuiltInProducts(deps, SYSTEM_ACTOR);
    const loan = await openLoan(deps, OPS, {
      customerId: studentCustomerId,
      productCode: 'CN-BANK-TUITION',
      amount: '8000.00',
    });
    await disburseTranche(deps, OPS, loan.id, { amount: '8000.00' });
    const [journal] = await loanJournals(deps, STAFF_ACCESS, loan.id, { limit: 10, offset: 0 });
    const detectedAt = new Date(deps.now().getTime() - 25 * 86_400_000).toISOString();
    expect(
      (await officer.request('POST', '/api/v1/aml/cases', { customerId: studentCustomerId, typology: 'other', summary: 'x' }))
        .statusCode,
    ).toBe(403);
    expect((await student.request('GET', '/api/v1/aml/cases')).statusCode).toBe(403);
    const opened = await auditor.request('POST', '/api/v1/aml/cases', {
      customerId: studentCustomerId,
      typology: 'third_party_payments',
      summary: 'Repayments from unrelated third parties',
      detectedAt,
    });
    expect(opened.statusCode).toBe(201);
    const c = opened.json();
    expect(c.reference).toMatch(/^SAR-\d{4}-0001$/);
    expect(new Date(c.filingDueAt).getTime() - new Date(detectedAt).getTime()).toBe(30 * 86_400_000);
    expect(c).toMatchObject({ status: 'open', overdue: false, daysLeft: 5 });
    const tx = await auditor.request('POST', `/api/v1/aml/cases/${c.id}/evidence`, {
      kind: 'transaction',
      loanId: loan.id,
      journalId: String(journal!.id),
    });
    expect(tx.statusCode).toBe(201);
    expect(tx.json().data.journal.kind).toBe(journal!.kind);
    const otherLoan = await openLoan(deps, OPS, { customerId: emily, productCode: 'CN-BANK-TUITION', amount: '1000.00' });
    const wrong = await auditor.request('POST', `/api/v1/aml/cases/${c.id}/evidence`, {
      kind: 'transaction',
      loanId: otherLoan.id,
      journalId: String(journal!.id),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('loanId');
    await auditor.request('POST', `/api/v1/aml/cases/${c.id}/evidence`, {
      kind: 'attachment',
      fileName: 'bank-statement.pdf',
      contentType: 'application/pdf',
      sizeBytes: 48213,
      sha256: 'd'.repeat(64),
    });
    const dash = (await import('./kyc.dashboard.ts')).kycAmlDashboardSection;
    const section = await dash(deps, deps.now());
    expect(section.atRisk.map((a) => a.id)).toContain(c.id);
    const filed = await auditor.request('POST', `/api/v1/aml/cases/${c.id}/status`, {
      status: 'filed',
      filingReference: 'BSA-31000123456789',
    });
    expect(filed.json()).toMatchObject({ status: 'filed', filingReference: 'BSA-31000123456789', overdue: false });
    const late = await auditor.request('POST', `/api/v1/aml/cases/${c.id}/evidence`, { kind: 'note', note: 'more' });
    expect(late.statusCode).toBe(409);
    const detail = (await auditor.request('GET', `/api/v1/aml/cases/${c.id}`)).json();
    expect(detail.evidence.map((e: { kind: string }) => e.kind)).toEqual(['transaction', 'attachment']);
    expect(await auditActions(c.id)).toEqual([
      'sar_case.opened',
      'sar_case.evidence_added',
      'sar_case.evidence_added',
      'sar_case.filed',
    ]);
    expect((await dash(deps, deps.now())).atRisk.map((a) => a.id)).not.toContain(c.id);
  });
});
