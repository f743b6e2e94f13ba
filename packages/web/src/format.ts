// Display formatting in the user's language. Money stays a decimal string from the API;
// it is only grouped for display, never turned into a float for arithmetic.

function intlLocale(lang: string): string {
  return lang === 'zh-CN' ? 'zh-CN' : 'en-GB';
}

/** Parses ISO 8601 and PostgreSQL's text form ("2026-11-29 19:07:08.422+00"). */
export function parseInstant(value: string): Date {
  const iso = value
    .trim()
    .replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T')
    .replace(/([+-]\d{2})$/, '$1:00')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return new Date(iso);
}

export function formatDateTime(iso: string, lang: string): string {
  const d = parseInstant(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}

export function formatDate(isoDate: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** Groups the integer part of a decimal string: "1234567.80" → "1,234,567.80". */
export function groupDecimal(value: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value.trim());
  if (!m) return value;
  const [, sign = '', int = '', frac = ''] = m;
  return sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + frac;
}

export function formatMoney(value: string, currency: string): string {
  return `${groupDecimal(value)} ${currency}`;
}

/** A decimal string as a number, for charts only. */
export function chartNumber(value: string | number): number {
  return typeof value === 'number' ? value : Number(value);
}
