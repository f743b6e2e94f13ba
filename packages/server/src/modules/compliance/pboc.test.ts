// The PBOC (二代) loan-account file: a generated file passes; broken ones are rejected by field.
import { describe, expect, it } from 'vitest';
import { renderPbocFile, validatePboc, yuan, type PbocAccount } from './pboc.ts';

function account(over: Partial<Record<'BS' | 'IS' | 'MS', Record<string, string | number>>> = {}): PbocAccount {
  return {
    BS: {
      InfRecType: '210', AcctType: 'D1', AcctCode: 'L-000777', RptDate: '2026-09-30', RptDateCode: '30',
      Name: '张小明', IDType: '10', IDNum: '11010520030402001X', MngmtOrgCode: 'B0000H00000001', CorrFlag: '0',
      ...over.BS,
    },
    IS: {
      BusiLines: '1', BusiDtlLines: '31', OpenDate: '2025-03-01', Cy: 'CNY', LoanAmt: 20000, DueDate: '2029-03-01',
      RepayMode: '11', RepayFrqcy: '03', RepayPrd: 48, GuarMode: '4',
      ...over.IS,
    },
    MS: {
      Month: '2026-09', SettDate: '2026-09-30', AcctStatus: '1', AcctBal: 15000, FiveCate: '1', RemRepPrd: 30,
      RpyStatus: 'N', OverdPrd: 0, TotOverd: 0, CurRpyAmt: 460, ActRpyAmt: 460, LatRpyDate: '2026-09-20',
      CloseDate: '', RpyStatus24: '######################NN', DisputeFlag: '0',
      ...over.MS,
    },
  };
}
const header = { MngmtOrgCode: 'B0000H00000001', RptMonth: '2026-09', GenTime: '2026-10-01T09:00:00' };

describe('PBOC loan-account file', () => {
  const late = account({ BS: { AcctCode: 'L-000778' }, MS: { AcctStatus: '2', RpyStatus: '2', OverdPrd: 2, TotOverd: 930, FiveCate: '2' } });
  const file = renderPbocFile(header, [account(), late]);

  it('writes HD, BS/IS/MS per account and TR with totals, and passes validation', () => {
    const ls = file.trimEnd().split('\n');
    expect(ls.map((l) => l.split('|')[0])).toEqual(['HD', 'BS', 'IS', 'MS', 'BS', 'IS', 'MS', 'TR']);
    expect(ls[7]).toBe('TR|2|30000|930');
    expect(validatePboc(file)).toEqual([]);
  });

  it('rounds fen to whole yuan half-up', () => {
    expect(yuan(12_349)).toBe(123);
    expect(yuan(12_350)).toBe(124);
  });

  it('rejects bad codes, bad dates, inconsistent overdue fields, a short history and wrong totals', () => {
    const broken = renderPbocFile(header, [
      account({ MS: { FiveCate: '7', SettDate: '2026-09-31' } }),
      account({ BS: { AcctCode: 'X' }, MS: { AcctStatus: '2', OverdPrd: 0, RpyStatus24: 'NNN' } }),
    ]).replace(/TR\|2\|30000\|0/, 'TR|3|30000|0');
    const errors = validatePboc(broken);
    const fields = errors.map((e) => `${e.record}:${e.field}`);
    expect(fields).toEqual(
      expect.arrayContaining(['4:MS.FiveCate', '4:MS.SettDate', '7:MS.OverdPrd', '7:MS.RpyStatus24', '8:TR.AccountCount']),
    );
  });

  it('rejects a segment out of order and a line with a missing field', () => {
    const ls = file.trimEnd().split('\n');
    const swapped = [ls[0], ls[2], ls[1], ...ls.slice(3)].join('\n');
    expect(validatePboc(swapped).some((e) => e.field === 'segment')).toBe(true);
    const short = [...ls.slice(0, 3), ls[3]!.split('|').slice(0, -1).join('|'), ...ls.slice(4)].join('\n');
    expect(validatePboc(short)).toContainEqual({ record: 4, field: 'MS', message: 'MS has 14 fields, expected 15' });
  });
});
