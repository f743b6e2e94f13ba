import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id recommendation (19 MiB, 2 iterations, 1 lane).
// `algorithm: 2` is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// The breached/common-password list ships with the server (common-passwords.txt, ~49,000 entries
// from leaked-password corpora); read once, on the first password set, into a Set.
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  if (!common) {
    const text = readFileSync(path.join(import.meta.dirname, 'common-passwords.txt'), 'utf8');
    common = new Set(text.split('\n').filter((l) => l && !l.startsWith('#')));
  }
  return common;
}

/**
 * True when the password is on the list of common and breached passwords, or is one of them with
 * at most five digits or symbols added at the end (`basketball2026!`), case-insensitively.
 */
export function isCommonPassword(password: string): boolean {
  const p = password.normalize('NFKC').trim().toLowerCase();
  const list = commonPasswords();
  if (list.has(p)) return true;
  const stem = /^(.*?)[\d\W_]{1,5}$/u.exec(p)?.[1];
  return stem !== undefined && [...stem].length >= 6 && list.has(stem);
}

/** Returns why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < 10) return 'must be at least 10 characters';
  if ([...password].length > 256) return 'must be at most 256 characters';
  if (password.toLowerCase().includes(username.toLowerCase()) && username.length >= 3)
    return 'must not contain the username';
  if (isCommonPassword(password)) return 'is a common or breached password: choose another';
  if (/^(.)\1+$/.test(password)) return 'must not repeat one character';
  return null;
}
