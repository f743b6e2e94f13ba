// The lender's seal: a sealed contract verifies; any changed byte fails; a PDF sealed with
// another certificate verifies as a signature but not as the lender's seal.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.ts';
import { renderContract, type ContractTerms } from './contract-pdf.ts';
import { checkEmbeddedSignature, sealIdentity, sealPdf } from './seal.ts';

const dirs: string[] = [];
function depsAt(): Deps {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bursar-seal-'));
  dirs.push(dataDir);
  return { config: { dataDir }, now: () => new Date('2026-09-01T09:00:00Z') } as unknown as Deps;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const terms: ContractTerms = {
  contractNumber: 'C00000042',
  version: 1,
  language: 'zh-CN',
  lender: 'Demo Bank',
  borrowerName: '张小明',
  cosignerName: null,
  applicationNumber: 'A00000042',
  productName: '生源地信用助学贷款',
  currency: 'CNY',
  amountMinor: 1_600_000,
  baseRate: '0.029',
  rate: '0.029',
  adjustments: [],
  tranches: [
    {
      tranche: 1,
      academicYear: '2026-2027',
      plannedDate: '2026-09-01',
      amountMinor: 1_600_000,
      payee: 'school',
    },
  ],
  preview: {
    repaymentStart: '2035-06-30',
    instalments: 1,
    frequency: 'annual',
    payment: '16464.00',
    schedule: [
      {
        n: 1,
        dueDate: '2036-06-30',
        principal: '16000.00',
        interest: '464.00',
        payment: '16464.00',
        balance: '0.00',
      },
    ],
    totalInterest: '464.00',
    fees: '0.00',
    totalCost: '464.00',
    totalRepaid: '16464.00',
    apr: '0.029',
  },
  issuedAt: new Date('2026-09-01T09:00:00Z'),
};

describe('contract seal', () => {
  it('verifies what it sealed, every time, and fails on any changed byte', async () => {
    const deps = depsAt();
    const pdf = await renderContract(terms, [
      {
        party: 'borrower',
        signerName: '张小明',
        signedAt: new Date('2026-09-01T10:00:00Z'),
        method: 'email-otp',
        ip: '127.0.0.1',
        documentSha256: 'ab'.repeat(32),
      },
    ]);
    for (let i = 0; i < 4; i++) {
      const sealed = await sealPdf(deps, pdf, {
        reason: 'test',
        location: 'test',
        signingTime: new Date(Date.UTC(2026, 8, 1, 10, i)),
      });
      expect(checkEmbeddedSignature(deps, sealed)).toEqual({ present: true, valid: true, lenderSeal: true });
      for (const at of [20, Math.floor(sealed.length / 2), sealed.length - 10]) {
        const changed = Buffer.from(sealed);
        changed[at] = changed[at]! ^ 0x01;
        const r = checkEmbeddedSignature(deps, changed);
        expect(r.valid && r.lenderSeal, `byte ${at}`).toBe(false);
      }
    }
    expect(checkEmbeddedSignature(deps, pdf).present).toBe(false);
  });

  it('tells another certificate from the lender’s own', async () => {
    const ours = depsAt();
    const theirs = depsAt();
    expect(sealIdentity(ours).fingerprint).not.toBe(sealIdentity(theirs).fingerprint);
    expect(sealIdentity(ours).selfSigned).toBe(true);
    const pdf = await renderContract({ ...terms, language: 'en' }, null);
    const sealedByThem = await sealPdf(theirs, pdf, {
      reason: 'x',
      location: 'x',
      signingTime: new Date('2026-09-01T10:00:00Z'),
    });
    expect(checkEmbeddedSignature(ours, sealedByThem)).toEqual({
      present: true,
      valid: true,
      lenderSeal: false,
    });
  });
});
