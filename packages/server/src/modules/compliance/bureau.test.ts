// Credit-bureau furnishing end to end on a real database: files generated from the book pass
// their validators, a dispute marks the account XB, its outcome is carried by the next file,
// a payment reversal is furnished as a correction, runs are idempotent once released, and an
// invalid file cannot be released.
import { createHash } from 'node:crypto';
import { cnIdCheckDigit } from '@bursar/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { createCustomer } from '../customers/index.ts';
import { installBuiltInProducts } from '../products/index.ts';
import {
  closeBusinessDaysThrough,
  disburseTranche,
  openLoan,
  postPayment,
  reversePayment,
  STAFF_ACCESS,
} from '../servicing/index.ts';
import { downloadRun, generateRun, getRun, releaseRun } from './bureau.service.ts';
import { BASE_LAYOUT, validateMetro2 } from './metro2.ts';
import { PBOC_SEGMENTS, validatePboc } from './pboc.ts';
import { fileDispute, getDispute, resolveDispute } from './disputes.service.ts';

const OPS = { ...SYSTEM_ACTOR, actorName: 'test-compliance' };
const STAFF = { ownCustomerOnly: false, customerId: null };
let deps: TestDeps;
let usLoan: string;
let cnLoan: string;
let paymentId: string;

const field = (line: string, name: string) => {
  const f = BASE_LAYOUT.find((x) => x.name === name)!;
  return line.slice(f.start - 1, f.start - 1 + f.length);
};
const baseLines = (content: string) => content.trimEnd().split('\r\n').slice(1, -1);
const msOf = (content: string, acct: string) => {
  const ls = content.trimEnd().split('\n');
  const i = ls.findIndex((l) => l.startsWith('BS|') && l.split('|')[3] === acct);
  const cells = ls[i + 2]!.split('|').slice(1);
  const bs = ls[i]!.split('|').slice(1);
  const get = (seg: readonly { name: string }[], cellsOf: string[], n: string) => cellsOf[seg.findIndex((f) => f.name === n)]!;
  return { ms: (n: string) => get(PBOC_SEGMENTS.MS, cells, n), bs: (n: string) => get(PBOC_SEGMENTS.BS, bs, n) };
};
async function fileText(id: string) {
  const f = await downloadRun(deps, OPS, id);
  expect(createHash('sha256').update(f.content).digest('hex')).toBe(f.sha256);
  return f.content.toString('utf8');
}

beforeAll(async () => {
  deps = await openTestDeps();
  await installBuiltInProducts(deps, SYSTEM_ACTOR);
  const us = await createCustomer(deps, OPS, {
    legalName: 'Maria José Garcia',
    dateOfBirth: '2003-04-02',
    nationalIdType: 'us_ssn',
    nationalId: '212-34-5678',
    address: { line1: '12 Elm Street', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
    preferredLanguage: 'en',
  });
  const first17 = '11010520030402001';
  const cn = await createCustomer(deps, OPS, {
    legalName: '张小明',
    dateOfBirth: '2003-04-02',
    nationalIdType: 'cn_resident',
    nationalId: first17 + cnIdCheckDigit(first17),
    address: { line1: '海淀区学院路 1 号', city: '北京', region: '北京', postalCode: '100083', country: 'CN' },
  });
  const a = await openLoan(deps, OPS, {
    customerId: us.id,
    productCode: 'US-DIRECT-UNSUB',
    amount: '5500.00',
    studyEndDate: '2027-06-30',
  });
  await disburseTranche(deps, OPS, a.id, { amount: '5500.00' });
  usLoan = a.id;
  const b = await openLoan(deps, OPS, { customerId: cn.id, productCode: 'CN-BANK-TUITION', amount: '20000.00' });
  await disburseTranche(deps, OPS, b.id, { amount: '20000.00' });
  cnLoan = b.id;
  const p = await postPayment(deps, OPS, STAFF_ACCESS, {
    loanId: cnLoan,
    amount: '500.00',
    currency: 'CNY',
    channel: 'bank_transfer',
    idempotencyKey: 'compliance-test-payment',
  });
  paymentId = p.id;
}, 120_000);

afterAll(async () => {
  await deps?.dispose();
});

describe('credit-bureau furnishing', () => {
  let disputeId: string;
  let loanNumber: string;

  it('generates a Metro 2 file that passes the structural validator, then marks a disputed account XB', async () => {
    const run = await generateRun(deps, OPS, 'metro2', '2026-09');
    expect(run).toMatchObject({ status: 'validated', accounts: 1, errorCount: 0, disputed: 0 });
    let content = await fileText(run.id);
    expect(validateMetro2(content)).toEqual([]);
    const [line] = baseLines(content);
    loanNumber = field(line!, 'consumerAccountNumber').trim();
    expect(field(line!, 'accountType')).toBe('12');
    expect(field(line!, 'accountStatus')).toBe('11');
    expect(field(line!, 'termsFrequency')).toBe('D'); // in school: deferred
    expect(field(line!, 'highestCredit')).toBe('000005500');
    expect(field(line!, 'socialSecurityNumber')).toBe('212345678');
    expect(field(line!, 'surname').trim()).toBe('GARCIA');
    expect(field(line!, 'complianceConditionCode')).toBe('  ');
    expect(field(line!, 'paymentHistoryProfile')).toBe('B'.repeat(24));

    const d = await fileDispute(deps, OPS, STAFF, {
      loanId: usLoan,
      reason: 'balance',
      description: 'Consumer says the balance is wrong',
      bureauReference: 'ACDV-000123',
    });
    disputeId = d.id;
    expect(d).toMatchObject({ status: 'open', source: 'bureau', daysLeft: 30, atRisk: false, overdue: false });
    const again = await generateRun(deps, OPS, 'metro2', '2026-09');
    expect(again.id).not.toBe(run.id);
    expect(again).toMatchObject({ status: 'validated', disputed: 1 });
    content = await fileText(again.id);
    expect(field(baseLines(content)[0]!, 'complianceConditionCode')).toBe('XB');
    expect(validateMetro2(content)).toEqual([]);

    const released = await releaseRun(deps, OPS, again.id);
    expect(released.status).toBe('released');
    // Idempotent per bureau and cycle once released.
    const same = await generateRun(deps, OPS, 'metro2', '2026-09');
    expect(same).toMatchObject({ id: again.id, sha256: again.sha256, status: 'released' });
  });

  it('generates and releases a valid PBOC file for the renminbi book', async () => {
    const run = await generateRun(deps, OPS, 'pboc', '2026-09');
    expect(run).toMatchObject({ status: 'validated', accounts: 1, errorCount: 0 });
    const content = await fileText(run.id);
    expect(validatePboc(content)).toEqual([]);
    const lines = content.trimEnd().split('\n');
    const acct = lines[1]!.split('|')[3]!;
    const { ms, bs } = msOf(content, acct);
    expect(bs('RptDateCode')).toBe('10'); // first report of the account
    expect(bs('IDType')).toBe('10');
    expect(ms('LatRpyDate')).toBe('2026-09-01');
    expect(ms('ActRpyAmt')).toBe('500');
    expect(ms('RpyStatus24')).toHaveLength(24);
    await releaseRun(deps, OPS, run.id);
  });

  it("carries the dispute's outcome and a payment reversal as corrections in the next cycle's files", async () => {
    const resolved = await resolveDispute(deps, OPS, disputeId, {
      outcome: 'corrected',
      resolution: 'Balance recalculated after a misapplied disbursement fee',
    });
    expect(resolved).toMatchObject({ status: 'resolved', outcome: 'corrected', furnished: false });
    expect(resolved.noticeMessageId).toBeTruthy();
    await expect(resolveDispute(deps, OPS, disputeId, { outcome: 'verified', resolution: 'again' })).rejects.toThrow(
      Problem,
    );

    deps.setNow('2026-10-02T09:00:00.000Z');
    await closeBusinessDaysThrough(deps, '2026-10-01');
    await reversePayment(deps, OPS, paymentId, 'returned by the bank');

    const run = await generateRun(deps, OPS, 'metro2', '2026-10');
    expect(run).toMatchObject({ status: 'validated', corrections: 1, disputed: 0 });
    const content = await fileText(run.id);
    expect(validateMetro2(content)).toEqual([]);
    const line = baseLines(content)[0]!;
    expect(field(line, 'consumerAccountNumber').trim()).toBe(loanNumber);
    expect(field(line, 'complianceConditionCode')).toBe('XH');
    // September's furnished month is now the first month of the history profile.
    expect(field(line, 'paymentHistoryProfile')).toBe(`0${'B'.repeat(23)}`);
    const detail = await getRun(deps, run.id);
    expect(detail.furnished[0]!.correction).toMatch(/^dispute-corrected:DSP-/);
    await releaseRun(deps, OPS, run.id);
    expect((await getDispute(deps, STAFF, disputeId)).furnished).toBe(true);

    const pboc = await generateRun(deps, OPS, 'pboc', '2026-10');
    expect(pboc).toMatchObject({ status: 'validated', corrections: 1 });
    const pc = await fileText(pboc.id);
    expect(validatePboc(pc)).toEqual([]);
    const acct = pc.trimEnd().split('\n')[1]!.split('|')[3]!;
    const { ms, bs } = msOf(pc, acct);
    expect(bs('CorrFlag')).toBe('1');
    expect(bs('RptDateCode')).toBe('49');
    expect(ms('LatRpyDate')).toBe('');
    expect((await getRun(deps, pboc.id)).furnished[0]!.correction).toBe('payment-reversal');
  });

  it('blocks the release of a file that fails validation and names the record and field', async () => {
    const c = await createCustomer(deps, OPS, { legalName: '李四' });
    const loan = await openLoan(deps, OPS, { customerId: c.id, productCode: 'CN-BANK-TUITION', amount: '8000.00' });
    await disburseTranche(deps, OPS, loan.id, { amount: '8000.00' });
    const run = await generateRun(deps, OPS, 'pboc', '2026-10');
    expect(run.status).toBe('invalid');
    expect(run.errors).toContainEqual(expect.objectContaining({ field: 'BS.IDNum' }));
    const err = await releaseRun(deps, OPS, run.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Problem);
    expect((err as Problem).status).toBe(409);
    expect((err as Problem).extensions.errors?.[0]?.field).toMatch(/^record \d+: BS\.IDNum$/);
    expect((await getRun(deps, run.id)).status).toBe('invalid');
  });
});
