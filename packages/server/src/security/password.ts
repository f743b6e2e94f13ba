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

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'iloveyou',
  'letmein123',
  'welcome123',
  'admin12345',
  'changeme123',
  'bursar123',
  'abc123456',
]);

/** Returns why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < 10) return 'must be at least 10 characters';
  if ([...password].length > 256) return 'must be at most 256 characters';
  if (password.toLowerCase().includes(username.toLowerCase()) && username.length >= 3)
    return 'must not contain the username';
  if (COMMON.has(password.toLowerCase())) return 'is too common';
  if (/^(.)\1+$/.test(password)) return 'must not repeat one character';
  return null;
}
