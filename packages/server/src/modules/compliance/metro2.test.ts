// The Metro 2 writer and structural validator against the published layout: a generated file
// passes; wrong lengths, bad codes, misplaced fields and wrong trailer totals are rejected.
import { describe, expect, it } from 'vitest';
import {
  BASE_LAYOUT,
  HEADER_LAYOUT,
  METRO2_RECORD_LENGTH,
  TRAILER_LAYOUT,
  metro2Date,
  renderMetro2File,
  validateMetro2,
  wholeUnits,
  type Values,
} from './metro2.ts';

const header: Values = {
  activityDate: '09302026',
  dateCreated: '10012026',
  reporterName: 'Bursar Student Lending',
  reporterAddress: '100 Main Street, Wilmington DE 19801',
  reporterTelephone: '3025550100',
};

function base(over: Values = {}): Values {
  return {
    timeStamp: '10012026093000',
    correctionIndicator: '0',
    identificationNumber: 'BURSAR0000000001',
    consumerAccountNumber: 'L-000123',
    portfolioType: 'I',
    accountType: '12',
    dateOpened: '01152025',
    creditLimit: 0,
    highestCredit: 5500,
    termsDuration: '120',
    termsFrequency: 'M',
    scheduledMonthlyPayment: 61,
    actualPayment: 61,
    accountStatus: '11',
    paymentRating: '',
    paymentHistoryProfile: '000000BBBBBBBBBBBBBBBBBB',
    currentBalance: 5320,
    amountPastDue: 0,
    dateOfAccountInformation: '09302026',
    dateOfLastPayment: '09152026',
    surname: 'Garcia',
    firstName: 'Maria',
    middleName: 'José',
    socialSecurityNumber: '212345678',
    dateOfBirth: '04022003',
    ecoaCode: '1',
    countryCode: 'US',
    firstLineOfAddress: '12 Elm Street',
    city: 'Austin',
    state: 'TX',
    postalCode: '78701',
    ...over,
  };
}

const at = (name: string) => BASE_LAYOUT.find((f) => f.name === name)!;
function put(line: string, start: number, text: string): string {
  return line.slice(0, start - 1) + text + line.slice(start - 1 + text.length);
}
const lines = (file: string) => file.replace(/\r\n$/, '').split('\r\n');
const join = (ls: string[]) => `${ls.join('\r\n')}\r\n`;

describe('Metro 2 layout', () => {
  it('lays every record out contiguously to 426 bytes', () => {
    for (const layout of [HEADER_LAYOUT, BASE_LAYOUT, TRAILER_LAYOUT]) {
      let pos = 1;
      for (const f of layout) {
        expect(f.start, f.name).toBe(pos);
        pos += f.length;
      }
      expect(pos - 1).toBe(METRO2_RECORD_LENGTH);
    }
  });

  it('formats dates and whole dollars (cents truncated)', () => {
    expect(metro2Date('2026-09-30')).toBe('09302026');
    expect(metro2Date(null)).toBe('00000000');
    expect(wholeUnits(123_499)).toBe(1234);
    expect(wholeUnits(99)).toBe(0);
  });
});

describe('Metro 2 file', () => {
  const file = renderMetro2File(header, [base(), base({ consumerAccountNumber: 'L-000124', accountStatus: '71', amountPastDue: 120, dateOfFirstDelinquency: '07152026', paymentHistoryProfile: '100000BBBBBBBBBBBBBBBBBB' })]);

  it('writes fields at their published positions and passes the validator', () => {
    const ls = lines(file);
    expect(ls).toHaveLength(4);
    for (const l of ls) expect(l).toHaveLength(426);
    expect(ls[0]!.slice(0, 10)).toBe('0426HEADER');
    const b = ls[1]!;
    expect(b.slice(0, 4)).toBe('0426');
    expect(b.slice(73, 75)).toBe('12'); // account type, positions 74-75
    expect(b.slice(123, 125)).toBe('11'); // account status, 124-125
    expect(b.slice(154, 163)).toBe('000005320'); // current balance, 155-163, zero-filled
    expect(b.slice(231, 256)).toBe('GARCIA'.padEnd(25)); // surname, 232-256, blank-filled
    expect(b.slice(276, 296)).toBe('JOSE'.padEnd(20)); // accents dropped
    expect(b.slice(297, 306)).toBe('212345678'); // SSN, 298-306
    expect(ls[3]!.slice(4, 11)).toBe('TRAILER');
    expect(ls[3]!.slice(11, 20)).toBe('000000002'); // total base records
    expect(ls[3]!.slice(83, 92)).toBe('000000001'); // status 11 count
    expect(ls[3]!.slice(146, 155)).toBe('000000001'); // status 71 count
    expect(validateMetro2(file)).toEqual([]);
  });

  it('rejects a record of the wrong length', () => {
    const ls = lines(file);
    ls[1] = ls[1]!.slice(0, 425);
    expect(validateMetro2(join(ls))).toEqual([{ record: 2, field: 'record', message: 'length 425, expected 426' }]);
  });

  it('rejects an account status that is not a Metro 2 code', () => {
    const ls = lines(file);
    ls[1] = put(ls[1]!, at('accountStatus').start, '99');
    const errors = validateMetro2(join(ls));
    expect(errors).toContainEqual({ record: 2, field: 'accountStatus', message: '"99" is not an allowed code' });
  });

  it('rejects a field shifted out of its position', () => {
    const ls = lines(file);
    // The balance written one position to the left runs into the compliance condition code.
    ls[1] = put(ls[1]!, at('currentBalance').start - 1, '000005320 ');
    const errors = validateMetro2(join(ls));
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['complianceConditionCode', 'currentBalance']));
  });

  it('rejects alphanumeric fields that are not left-justified and numbers that are not zero-filled', () => {
    const ls = lines(file);
    ls[1] = put(ls[1]!, at('surname').start, ' GARCIA');
    ls[1] = put(ls[1], at('highestCredit').start, '     5500');
    const fields = validateMetro2(join(ls)).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['surname', 'highestCredit']));
  });

  it('rejects wrong trailer totals, a missing payment rating and bad history characters', () => {
    const ls = lines(file);
    ls[3] = put(ls[3]!, 12, '000000003');
    ls[2] = put(ls[2]!, at('paymentHistoryProfile').start, 'X');
    ls[1] = put(ls[1]!, at('accountStatus').start, '13');
    const errors = validateMetro2(join(ls));
    expect(errors).toContainEqual({ record: 4, field: 'totalBaseRecords', message: 'trailer says 3, the file has 2' });
    expect(errors.some((e) => e.record === 3 && e.field === 'paymentHistoryProfile')).toBe(true);
    expect(errors.some((e) => e.record === 2 && e.field === 'paymentRating')).toBe(true);
  });

  it('rejects a delinquent status without an amount past due or first-delinquency date', () => {
    const f = renderMetro2File(header, [base({ accountStatus: '78' })]);
    const fields = validateMetro2(f).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['amountPastDue', 'dateOfFirstDelinquency']));
  });
});
