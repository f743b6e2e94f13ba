// Data-key rotation on a database holding personal data: after `rotate --retire` every encrypted
// value decrypts with the new key ring to what it was, nothing is left under the old key (which
// no longer decrypts anything), lookups by blind index still find people, and the audit chain
// sealed before and after the rotation verifies. A rotation stopped part-way resumes.
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnIdCheckDigit, csvLine, parseCsv } from '@bursar/core';
import { SYSTEM_ACTOR, type Deps } from '../deps.ts';
import { sealAuditTrail, verifyAuditTrail } from '../modules/audit/index.ts';
import { IMPORT_COLUMNS, importCustomerRecords, loadSchoolCatalogue } from '../modules/customers/index.ts';
import { createUser } from '../modules/identity/index.ts';
import {
  createDataCipher,
  createKeyRingCipher,
  loadKeyRing,
  readKeyRing,
  type DataCipher,
} from '../security/data-key.ts';
import { openTestDeps, type TestDeps } from '../../test/test-deps.ts';
import { encryptedColumns, rotateDataKey, staleCiphertexts } from './keys.ts';

let base: TestDeps;
let deps: Deps;
const oldKey = randomBytes(32);

beforeAll(async () => {
  base = await openTestDeps();
  // The installation's key file, as `bursar serve` creates it.
  mkdirSync(path.join(base.config.dataDir, 'keys'), { recursive: true });
  writeFileSync(path.join(base.config.dataDir, 'keys', 'data.key'), oldKey.toString('hex') + '\n');
  deps = { ...base, cipher: createKeyRingCipher(loadKeyRing({ dataDir: base.config.dataDir })) };
}, 120_000);
afterAll(async () => {
  await base.dispose();
});

/** A valid PRC resident ID number. */
function cnId(birth: string, seq: number, region: string): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + cnIdCheckDigit(first17);
}

/** Ciphertext as Bursar wrote it before key ids (`v1.iv.body.tag`). */
function legacyEncrypt(key: Buffer, plaintext: string): string {
  const encKey = createHmac('sha256', key).update('bursar:enc').digest();
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', encKey, iv);
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    body.toString('base64url'),
    c.getAuthTag().toString('base64url'),
  ].join('.');
}

/** Every encrypted value, decrypted, per column (sorted: rows move when updated). */
async function plaintexts(cipher: DataCipher): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const { table, column } of await encryptedColumns(deps.database)) {
    const rows = await deps.database.query<{ v: string }>(
      `select "${column}" as v from "${table}" where "${column}" is not null`,
    );
    out[`${table}.${column}`] = rows.map((r) => cipher.decrypt(r.v)).sort();
  }
  return out;
}

async function seed(): Promise<void> {
  await loadSchoolCatalogue(deps, SYSTEM_ACTOR);
  const rows = Array.from({ length: 60 }, (_, n) => {
    const v: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {
      external_ref: `KEY-${n}`,
      legal_name: `轮换学生${n}`,
      date_of_birth: '2004-06-01',
      national_id: cnId('2004-06-01', 100 + n, '440103'),
      phone: `1381234${String(n).padStart(4, '0')}`,
      email: `key${n}@example.cn`,
      country: 'CN',
      party_relationship: 'parent',
      party_name: '家长',
      party_phone: `1391234${String(n).padStart(4, '0')}`,
      consent_service: 'yes',
    };
    return csvLine(IMPORT_COLUMNS.map((c) => v[c] ?? ''));
  });
  const summary = await importCustomerRecords(
    deps,
    { ...SYSTEM_ACTOR, actorName: 'importer' },
    parseCsv(csvLine([...IMPORT_COLUMNS]) + rows.join('')),
    { dryRun: false },
  );
  expect(summary.createdRows).toBe(60);
  await createUser(deps, SYSTEM_ACTOR, {
    username: 'rotation.officer',
    displayName: 'Rotation Officer',
    email: 'rotation.officer@example.cn',
    password: 'Blue-Whale-Sings-At-Dawn',
    roles: ['loan_officer'],
  });
  // One value from before key ids existed: still read, and re-encrypted like the rest.
  await deps.database.query(`update users set email_enc = $1 where username = 'rotation.officer'`, [
    legacyEncrypt(oldKey, 'legacy@example.cn'),
  ]);
}

describe('bursar keys rotate', () => {
  it(
    're-encrypts everything, retires the old key and keeps lookups and the audit chain',
    { timeout: 300_000 },
    async () => {
      await seed();
      await sealAuditTrail(deps);
      const before = await plaintexts(deps.cipher);
      expect(before['customers.national_id_enc']).toHaveLength(60);
      expect(before['users.email_enc']).toContain('legacy@example.cn');
      const oldId = deps.cipher.activeKeyId;
      const nidHash = deps.cipher.blindIndex(`nid:${cnId('2004-06-01', 107, '440103')}`);

      // A rotation stopped after two batches (a crash, say) resumes where it was.
      let batches = 0;
      await expect(
        rotateDataKey(base.config, deps.database, {
          retire: true,
          batchSize: 7,
          onBatch: () => {
            if (++batches === 2) throw new Error('stopped');
          },
        }),
      ).rejects.toThrow('stopped');
      const midway = readKeyRing(base.config.dataDir)!;
      expect(midway.keys.map((k) => k.state).sort()).toEqual(['active', 'decrypt-only']);
      const r = await rotateDataKey(base.config, deps.database, { retire: true, batchSize: 7 });
      expect(r.started).toBe(false);
      expect(r.previousKeyIds).toEqual([oldId]);
      expect(r.retired).toEqual([oldId]);

      // The ring now holds the new key alone; the old one is gone and decrypts nothing left.
      const ring = readKeyRing(base.config.dataDir)!;
      expect(ring.keys).toHaveLength(1);
      expect(ring.keys[0]!.id).not.toBe(oldId);
      const cipher = createKeyRingCipher(loadKeyRing({ dataDir: base.config.dataDir }));
      expect(await staleCiphertexts(deps.database, cipher)).toBe(0);
      expect(await plaintexts(cipher)).toEqual(before);
      const [sample] = await deps.database.query<{ v: string }>(
        `select national_id_enc as v from customers limit 1`,
      );
      expect(sample!.v.startsWith(`v2.${cipher.activeKeyId}.`)).toBe(true);
      expect(() => createDataCipher(oldKey).decrypt(sample!.v)).toThrow();

      // Blind indexes are unchanged: the same ID number finds the same customer.
      expect(cipher.blindIndex(`nid:${cnId('2004-06-01', 107, '440103')}`)).toBe(nidHash);
      const found = await deps.database.query(`select id from customers where national_id_hash = $1`, [
        nidHash,
      ]);
      expect(found).toHaveLength(1);

      // The audit chain: sealed before the rotation, the rotation's own events sealed after, all verify.
      const after: Deps = { ...deps, cipher };
      await sealAuditTrail(after);
      const verified = await verifyAuditTrail(after);
      expect(verified.ok, JSON.stringify(verified.firstBad)).toBe(true);
      const actions = await deps.database.query<{ action: string }>(
        `select action from audit_events where action like 'data_key.%' order by seq`,
      );
      expect(actions.map((a) => a.action)).toEqual(['data_key.rotated', 'data_key.retired']);
    },
  );
});
