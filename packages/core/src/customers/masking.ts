// Masked forms shown to anyone without `pii.read`, and written to audit rows.

/** `110***********1234`: region prefix and last four kept, the rest starred. */
export function maskNationalId(id: string): string {
  const chars = [...id];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  if (chars.length < 10) return '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/** `138****5678` for mainland mobiles, `+1*******4567` otherwise. */
export function maskPhone(phone: string): string {
  const plus = phone.startsWith('+');
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (!plus && digits.length === 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  const head = plus ? `+${digits.slice(0, Math.min(2, digits.length - 4))}` : '';
  const kept = plus ? Math.min(2, digits.length - 4) : 0;
  return head + '*'.repeat(digits.length - 4 - kept) + digits.slice(-4);
}

export function maskEmailAddress(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** A name reduced to its first character (surname in Chinese order) and stars. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 6)));
}
