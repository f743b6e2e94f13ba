// Personal data is encrypted at rest with AES-256-GCM. The key comes from BURSAR_DATA_KEY or,
// for the embedded default, from a key file created once under DATA_DIR/keys (mode 0600).
// Lookups use a keyed HMAC ("blind index"), so equality search works without decrypting.
// Keys rotate (ADR 0013): ciphertext names the key that made it (`v2.<key id>....`; `v1` text,
// from before key ids, is tried against every key of the ring), and the blind-index and audit-seal
// keys stay those derived from the first data key, kept in the key ring once it is written.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const VERSION = 'v2';
const LEGACY_VERSION = 'v1';

export interface DataCipher {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Deterministic keyed digest of a normalised value, for equality lookups. */
  blindIndex(value: string): string;
  /** Keyed digest that seals the audit chain: without the key, a forged row cannot be re-sealed. */
  auditSeal(data: string): string;
  /** The id of the key new ciphertext is made with. */
  readonly activeKeyId: string;
  /** The id of the key a ciphertext was made with (null for `v1` text, which names none). */
  keyIdOf(ciphertext: string): string | null;
}

/** The data keys: one active (encrypts), older ones kept to decrypt until re-encryption retires them. */
export interface KeyRing {
  /** Blind-index and audit-seal keys: derived from the first data key, never rotated (ADR 0013). */
  indexKey: Buffer;
  auditKey: Buffer;
  keys: { id: string; key: Buffer; state: 'active' | 'decrypt-only' }[];
}

export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('bursar:key-id').digest('hex').slice(0, 12);
}

const subKey = (key: Buffer, label: string) => createHmac('sha256', key).update(label).digest();

/** A ring of one key: index and audit keys derived from it (every installation before a rotation). */
export function singleKeyRing(key: Buffer): KeyRing {
  if (key.length !== 32) throw new Error('data key must be 32 bytes');
  return {
    indexKey: subKey(key, 'bursar:idx'),
    auditKey: subKey(key, 'bursar:audit'),
    keys: [{ id: keyIdOf(key), key, state: 'active' }],
  };
}

export function keyRingFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'keyring.json');
}

interface KeyRingJson {
  version: 1;
  indexKey: string;
  auditKey: string;
  keys: { id: string; key: string; state: 'active' | 'decrypt-only'; createdAt: string }[];
}

/** The key ring file, when a rotation has written one; null otherwise. */
export function readKeyRing(dataDir: string): KeyRing | null {
  const file = keyRingFile(dataDir);
  if (!existsSync(file)) return null;
  const j = JSON.parse(readFileSync(file, 'utf8')) as KeyRingJson;
  const ring: KeyRing = {
    indexKey: Buffer.from(j.indexKey, 'hex'),
    auditKey: Buffer.from(j.auditKey, 'hex'),
    keys: j.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'hex'), state: k.state })),
  };
  if (
    ring.indexKey.length !== 32 ||
    ring.auditKey.length !== 32 ||
    ring.keys.some((k) => k.key.length !== 32)
  )
    throw new Error(`${file} holds a key that is not 32 bytes`);
  if (ring.keys.filter((k) => k.state === 'active').length !== 1)
    throw new Error(`${file} must hold exactly one active key`);
  return ring;
}

/** Write the key ring atomically (mode 0600): a crash leaves the old file or the new one, never half. */
export function writeKeyRing(dataDir: string, ring: KeyRing, now: Date): void {
  const file = keyRingFile(dataDir);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const j: KeyRingJson = {
    version: 1,
    indexKey: ring.indexKey.toString('hex'),
    auditKey: ring.auditKey.toString('hex'),
    keys: ring.keys.map((k) => ({
      id: k.id,
      key: k.key.toString('hex'),
      state: k.state,
      createdAt: now.toISOString(),
    })),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(j, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

/**
 * The key ring in force: the ring file once a rotation wrote one (BURSAR_DATA_KEY, when also set,
 * must be its active key), else the one data key from BURSAR_DATA_KEY or the key file.
 */
export function loadKeyRing(opts: { keyHex?: string | undefined; dataDir: string }): KeyRing {
  const ring = readKeyRing(opts.dataDir);
  if (!ring) return singleKeyRing(loadDataKey(opts));
  if (opts.keyHex) {
    const id = keyIdOf(Buffer.from(opts.keyHex, 'hex'));
    const active = ring.keys.find((k) => k.state === 'active')!;
    if (id !== active.id)
      throw new Error(`BURSAR_DATA_KEY is not the active key of ${keyRingFile(opts.dataDir)} (rotated?)`);
  }
  return ring;
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
  return createKeyRingCipher(singleKeyRing(key));
}

export function createKeyRingCipher(ring: KeyRing): DataCipher {
  // Separate sub-keys for encryption and indexing, so one never reveals the other.
  const encKeys = new Map(ring.keys.map((k) => [k.id, subKey(k.key, 'bursar:enc')]));
  const active = ring.keys.find((k) => k.state === 'active');
  if (!active) throw new Error('the key ring has no active key');
  const activeEnc = encKeys.get(active.id)!;
  const open = (encKey: Buffer, iv: string, body: string, tag: string) => {
    const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  };
  return {
    activeKeyId: active.id,
    keyIdOf(ciphertext) {
      return ciphertext.startsWith(`${VERSION}.`) ? (ciphertext.split('.')[1] ?? null) : null;
    },
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', activeEnc, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        VERSION,
        active.id,
        iv.toString('base64url'),
        body.toString('base64url'),
        tag.toString('base64url'),
      ].join('.');
    },
    decrypt(ciphertext) {
      const parts = ciphertext.split('.');
      if (parts[0] === VERSION) {
        const [, id, iv, body, tag] = parts;
        const encKey = id ? encKeys.get(id) : undefined;
        if (!encKey) throw new Error(`ciphertext of unknown key ${id ?? ''}`);
        if (!iv || body === undefined || !tag) throw new Error('unreadable ciphertext');
        return open(encKey, iv, body, tag);
      }
      const [version, iv, body, tag] = parts;
      if (version !== LEGACY_VERSION || !iv || body === undefined || !tag)
        throw new Error('unreadable ciphertext');
      // Made before key ids: the GCM tag tells which key of the ring made it.
      for (const encKey of [activeEnc, ...[...encKeys.values()].filter((k) => k !== activeEnc)]) {
        try {
          return open(encKey, iv, body, tag);
        } catch {
          // not this key
        }
      }
      throw new Error('unreadable ciphertext');
    },
    blindIndex(value) {
      return createHmac('sha256', ring.indexKey)
        .update(value.normalize('NFKC').trim().toLowerCase())
        .digest('base64url');
    },
    auditSeal(data) {
      return createHmac('sha256', ring.auditKey).update(data).digest('hex');
    },
  };
}
