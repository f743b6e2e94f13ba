// Exact decimal-string helpers for the calculator form: the API takes rates and money as
// decimal strings, and 4.35 / 100 in floating point is 0.043499999999999997.

const DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/** "4.35" (per cent) → "0.0435"; returns null for anything that is not a plain non-negative decimal. */
export function percentToDecimal(percent: string | number): string | null {
  const s = typeof percent === 'number' ? numberToPlain(percent) : percent.trim();
  if (s === null) return null;
  const m = DECIMAL.exec(s);
  if (!m) return null;
  const int = m[1] ?? '0';
  const frac = m[2] ?? '';
  const scale = frac.length + 2;
  const digits = (int + frac).replace(/^0+(?=\d)/, '');
  const padded = digits.padStart(scale + 1, '0');
  const whole = padded.slice(0, padded.length - scale);
  const fraction = padded.slice(padded.length - scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** "0.0435" → "4.35" (for showing a rate that came back as a fraction). */
export function decimalToPercent(fraction: string): string | null {
  const m = DECIMAL.exec(fraction.trim());
  if (!m) return null;
  const int = m[1] ?? '0';
  const frac = (m[2] ?? '').padEnd(2, '0');
  const whole = (int + frac.slice(0, 2)).replace(/^0+(?=\d)/, '');
  const rest = frac.slice(2).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

/** A form number as a plain decimal string with exactly `digits` fraction digits. */
export function toMoneyString(value: string | number, digits = 2): string | null {
  const s = typeof value === 'number' ? numberToPlain(value) : value.trim().replace(/,/g, '');
  if (s === null) return null;
  const m = DECIMAL.exec(s);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > digits) return null;
  const int = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
  return digits > 0 ? `${int}.${frac.padEnd(digits, '0')}` : int;
}

function numberToPlain(n: number): string | null {
  if (!Number.isFinite(n) || n < 0) return null;
  // Shortest round-trip form; reject exponents, which a form never produces for sane values.
  const s = String(n);
  return /e/i.test(s) ? null : s;
}

/** A rate fraction for display as per cent, at most `maxDecimals` decimals (truncated toward zero is not
 *  wanted for display, so this rounds half up on the decimal string). */
export function formatPercent(fraction: string, maxDecimals = 3): string {
  const pct = decimalToPercent(fraction);
  if (pct === null) return fraction;
  const [int = '0', frac = ''] = pct.split('.');
  if (frac.length <= maxDecimals) return `${pct} %`;
  const scaled = BigInt(int + frac.slice(0, maxDecimals)) + (Number(frac.charAt(maxDecimals)) >= 5 ? 1n : 0n);
  const digits = scaled.toString().padStart(maxDecimals + 1, '0');
  const out = `${digits.slice(0, -maxDecimals)}.${digits.slice(-maxDecimals)}`.replace(/\.?0+$/, '');
  return `${out} %`;
}
