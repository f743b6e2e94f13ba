// Personal identifiers in and out: validate, normalise, encrypt, blind-index and mask. The
// blind indexes are domain-separated so an ID number and a phone with the same digits differ.
import {
  birthDateOfCnId,
  lastFourDigits,
  maskEmailAddress,
  maskName,
  maskNationalId,
  maskPhone,
  nationalIdProblem,
  normaliseNationalId,
  normalisePhone,
  phoneProblem,
  type NationalIdType,
} from '@bursar/core';
import type { DataCipher } from '../../security/data-key.ts';
import type { FieldError } from '../../http/problem.ts';

export interface ProtectedNationalId {
  nationalIdType: NationalIdType;
  nationalIdEnc: string;
  nationalIdHash: string;
  /** Birth date the number carries (PRC resident IDs). */
  birthDate: string | null;
}

export function nationalIdHash(cipher: DataCipher, value: string): string {
  return cipher.blindIndex(`nid:${normaliseNationalId(value)}`);
}
export function phoneHash(cipher: DataCipher, value: string): string {
  return cipher.blindIndex(`tel:${normalisePhone(value)}`);
}
export function phoneLast4Hash(cipher: DataCipher, lastFour: string): string {
  return cipher.blindIndex(`tel4:${lastFour}`);
}

export function protectNationalId(
  cipher: DataCipher,
  type: NationalIdType,
  raw: string,
  field: string,
  errors: FieldError[],
): ProtectedNationalId | null {
  const normal = normaliseNationalId(raw);
  const why = nationalIdProblem(type, normal);
  if (why) {
    errors.push({ field, message: why });
    return null;
  }
  return {
    nationalIdType: type,
    nationalIdEnc: cipher.encrypt(normal),
    nationalIdHash: cipher.blindIndex(`nid:${normal}`),
    birthDate: type === 'cn_resident' ? birthDateOfCnId(normal) : null,
  };
}

export interface ProtectedPhone {
  phoneEnc: string;
  phoneHash: string;
  phoneLast4Hash: string;
}

export function protectPhone(
  cipher: DataCipher,
  raw: string,
  field: string,
  errors: FieldError[],
): ProtectedPhone | null {
  const why = phoneProblem(raw);
  if (why) {
    errors.push({ field, message: why });
    return null;
  }
  const normal = normalisePhone(raw);
  return {
    phoneEnc: cipher.encrypt(normal),
    phoneHash: cipher.blindIndex(`tel:${normal}`),
    phoneLast4Hash: cipher.blindIndex(`tel4:${lastFourDigits(normal)}`),
  };
}

export function decryptOrNull(cipher: DataCipher, enc: string | null): string | null {
  return enc ? cipher.decrypt(enc) : null;
}

/** The value to show: plain when revealed, masked otherwise. */
export function shown(
  cipher: DataCipher,
  enc: string | null,
  kind: 'nationalId' | 'phone',
  reveal: boolean,
): string | null {
  const plain = decryptOrNull(cipher, enc);
  if (plain === null || reveal) return plain;
  return kind === 'nationalId' ? maskNationalId(plain) : maskPhone(plain);
}

export function shownEmail(email: string | null, reveal: boolean): string | null {
  return email === null || reveal ? email : maskEmailAddress(email);
}

export { maskName, maskEmailAddress, maskNationalId, maskPhone };
