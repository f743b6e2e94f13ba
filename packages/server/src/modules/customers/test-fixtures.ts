// Fixtures shared by this module's tests.
import { cnIdCheckDigit } from '@bursar/core';

/** A valid PRC resident ID for a birth date and sequence. */
export function cnId(birth: string, seq: number, region = '110105'): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + cnIdCheckDigit(first17);
}
