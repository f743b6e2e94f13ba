// Identity numbers and phones: validation and the normal form the blind index is built on, so
// the same number typed two ways finds the same customer.
import type { NationalIdType } from './vocabulary.ts';

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';

export function normaliseNationalId(value: string): string {
  return value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** The birth date an 18-digit PRC resident ID carries, as YYYY-MM-DD. */
export function birthDateOfCnId(id: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/.exec(id);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return isRealDate(iso) ? iso : null;
}

export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

export function cnIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * CN_WEIGHTS[i]!;
  return CN_CHECK[sum % 11]!;
}

/** Why an identity number is not valid for its type, or null when it is. Expects the normal form. */
export function nationalIdProblem(type: NationalIdType, id: string): string | null {
  switch (type) {
    case 'cn_resident': {
      if (!/^\d{17}[\dX]$/.test(id)) return 'must be 18 characters: 17 digits and a check digit or X';
      if (!birthDateOfCnId(id)) return 'holds an impossible birth date';
      if (cnIdCheckDigit(id.slice(0, 17)) !== id[17]) return 'check digit does not match';
      return null;
    }
    case 'us_ssn':
      if (!/^\d{9}$/.test(id.replace(/-/g, ''))) return 'must be 9 digits';
      if (/^(000|666|9)/.test(id) || id.slice(3, 5) === '00' || id.slice(5) === '0000')
        return 'is not an issuable number';
      return null;
    case 'passport':
      return /^[A-Z0-9]{5,20}$/.test(id) ? null : 'must be 5 to 20 letters and digits';
    case 'other':
      return /^[A-Z0-9]{4,40}$/.test(id) ? null : 'must be 4 to 40 letters and digits';
  }
}

/** Digits with a leading + kept for international numbers; the PRC country code is dropped. */
export function normalisePhone(value: string): string {
  const trimmed = value.normalize('NFKC').trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+'))
    return digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : `+${digits}`;
  if (digits.startsWith('0086') && digits.length === 15) return digits.slice(4);
  return digits;
}

/** Why a phone number as typed is not acceptable, or null. */
export function phoneProblem(raw: string): string | null {
  if (!/^\+?[\d\s\-().]+$/.test(raw.normalize('NFKC').trim()))
    return 'may hold digits, spaces, dashes and a leading +';
  const normal = normalisePhone(raw);
  const digits = normal.replace(/^\+/, '');
  if (digits.length < 7 || digits.length > 15) return 'must have 7 to 15 digits';
  if (!normal.startsWith('+') && digits.length === 11 && digits.startsWith('1') && !/^1[3-9]/.test(digits))
    return 'is not a mainland mobile number';
  return null;
}

export function lastFourDigits(normalisedPhone: string): string {
  return normalisedPhone.replace(/\D/g, '').slice(-4);
}
