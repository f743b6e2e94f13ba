// Masked forms of personal data, for audit rows and for roles without `pii.read`.

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return maskText(email);
  return `${email[0]}***${email.slice(at)}`;
}

/** Keep the first and last character (or last four of long identifiers), star the rest. */
export function maskText(value: string): string {
  const chars = [...value];
  if (chars.length <= 2) return '*'.repeat(chars.length);
  if (chars.length >= 10) return '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
