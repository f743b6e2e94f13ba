import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDataCipher } from './data-key.ts';
import { maskEmail, maskText } from './mask.ts';
import { base32Decode, base32Encode, hotp, verifyTotp, totpCode } from './totp.ts';
import { passwordProblem } from './password.ts';

describe('TOTP', () => {
  // RFC 4226 appendix D test values, secret "12345678901234567890".
  const rfcSecret = Buffer.from('12345678901234567890');
  it('matches the RFC 4226 HOTP vectors', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expected.forEach((code, counter) => expect(hotp(rfcSecret, counter)).toBe(code));
  });
  it('matches RFC 6238 at T=59s (SHA-1, last 6 digits of 94287082)', () => {
    expect(totpCode(base32Encode(rfcSecret), 59_000)).toBe('287082');
  });
  it('round-trips base32 and accepts a drifted code once only', () => {
    const secret = base32Encode(randomBytes(20));
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    const t = 1_700_000_000_000;
    const code = totpCode(secret, t - 30_000);
    const step = verifyTotp(secret, code, t);
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, code, t, step)).toBeNull();
    expect(verifyTotp(secret, '12345', t)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, t - 120_000), t)).toBeNull();
  });
});

describe('data cipher', () => {
  const cipher = createDataCipher(randomBytes(32));
  it('encrypts with a fresh nonce and decrypts, including Chinese text', () => {
    const a = cipher.encrypt('张伟 zhang.wei@example.cn');
    expect(a).not.toBe(cipher.encrypt('张伟 zhang.wei@example.cn'));
    expect(cipher.decrypt(a)).toBe('张伟 zhang.wei@example.cn');
  });
  it('refuses a tampered ciphertext', () => {
    const a = cipher.encrypt('secret');
    const parts = a.split('.');
    parts[2] = Buffer.from('SECRET').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });
  it('gives one blind index per normalised value and another under another key', () => {
    expect(cipher.blindIndex(' A@B.com')).toBe(cipher.blindIndex('a@b.com'));
    expect(createDataCipher(randomBytes(32)).blindIndex('a@b.com')).not.toBe(cipher.blindIndex('a@b.com'));
  });
});

describe('masking and password policy', () => {
  it('masks', () => {
    expect(maskEmail('zhang.wei@example.cn')).toBe('z***@example.cn');
    expect(maskText('110101200001011234')).toBe('**************1234');
    expect(maskText('张伟')).toBe('**');
    expect(maskText('王小明')).toBe('王*明');
  });
  it('refuses weak passwords', () => {
    expect(passwordProblem('short', 'amy')).toMatch(/10/);
    expect(passwordProblem('password123', 'amy')).toMatch(/common/);
    expect(passwordProblem('amy-is-great-2026', 'amy')).toMatch(/username/);
    expect(passwordProblem('correct horse battery', 'amy')).toBeNull();
  });
});
