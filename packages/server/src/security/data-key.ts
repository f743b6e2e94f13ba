// Personal data is encrypted at rest with AES-256-GCM. The key comes from BURSAR_DATA_KEY or,
// for the embedded default, from a key file created once under DATA_DIR/keys (mode 0600).
// Lookups use a keyed HMAC ("blind index"), so equality search works without decrypting.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';

export interface DataCipher {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Deterministic keyed digest of a normalised value, for equality lookups. */
  blindIndex(value: string): string;
  /** Keyed digest that seals the audit chain: without the key, a forged row cannot be re-sealed. */
  auditSeal(data: string): string;
}

export function loadDataKey(opts: { keyHex?: string | undefined; dataDir: string }): Buffer {
  if (opts.keyHex) return Buffer.from(opts.keyHex, 'hex');
  const file = path.join(opts.dataDir, 'keys', 'data.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length !== 32) throw new Error(`${file} must hold 64 hex characters`);
    return key;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

export function createDataCipher(key: Buffer): DataCipher {
  if (key.length !== 32) throw new Error('data key must be 32 bytes');
  // Separate sub-keys for encryption and indexing, so one never reveals the other.
  const encKey = createHmac('sha256', key).update('bursar:enc').digest();
  const idxKey = createHmac('sha256', key).update('bursar:idx').digest();
  const auditKey = createHmac('sha256', key).update('bursar:audit').digest();
  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join(
        '.',
      );
    },
    decrypt(ciphertext) {
      const [version, iv, body, tag] = ciphertext.split('.');
      if (version !== VERSION || !iv || body === undefined || !tag) throw new Error('unreadable ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    blindIndex(value) {
      return createHmac('sha256', idxKey)
        .update(value.normalize('NFKC').trim().toLowerCase())
        .digest('base64url');
    },
    auditSeal(data) {
      return createHmac('sha256', auditKey).update(data).digest('hex');
    },
  };
}
