// A database dump must not contain any national ID or phone number in plaintext: they are
// stored only as AES-256-GCM ciphertext and keyed blind indexes.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpPglite } from '../../db/database.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { addNote, createCustomer } from './customers.service.ts';
import { loadSchoolCatalogue } from './schools.service.ts';
import { cnId } from './test-fixtures.ts';

let deps: TestDeps;
beforeAll(async () => {
  deps = await openTestDeps();
  await loadSchoolCatalogue(deps, SYSTEM_ACTOR);
});
afterAll(async () => {
  await deps.dispose();
});

async function dump(): Promise<Buffer> {
  if (deps.database.kind === 'pglite') {
    await deps.database.exec('checkpoint');
    return Buffer.from(await (await dumpPglite(deps.database)).arrayBuffer());
  }
  return execFileSync('pg_dump', ['--no-owner', deps.database.url!], { maxBuffer: 1 << 30 });
}

describe('personal data at rest', () => {
  it('leaves no plaintext ID number or phone in a dump of the database', async () => {
    const nationalId = cnId('2003-07-19', 468, '510104');
    const phone = '13987654321';
    const partyPhone = '13612340987';
    const [school] = await deps.database.query<{ id: string }>(
      `select id from schools where name_local = '四川大学'`,
    );
    const c = await createCustomer(deps, SYSTEM_ACTOR, {
      legalName: '测试加密',
      nationalIdType: 'cn_resident',
      nationalId,
      phone: `+86 ${phone}`,
      enrolment: {
        schoolId: school!.id,
        level: 'undergraduate',
        startDate: '2022-09-01',
        expectedGraduationDate: '2026-07-01',
      },
      relatedParties: [
        {
          relationship: 'guarantor',
          name: '担保人',
          phone: partyPhone,
          nationalId: cnId('1975-01-02', 13, '510104'),
        },
      ],
    });
    // A positive control: a marker written in plaintext (a note) must be found by the same scan.
    const marker = 'PLAINTEXT-MARKER-7f3a9c';
    const admin = {
      userId: '00000000-0000-4000-8000-000000000001',
      username: 'system',
      displayName: 'system',
      roles: ['admin' as const],
      permissions: new Set<never>(),
      mustEnrolTotp: false,
      sessionTokenHash: '',
      csrfToken: '',
      schoolId: null,
      customerId: null,
    };
    await addNote(deps, SYSTEM_ACTOR, admin, c.id, marker);

    const bytes = await dump();
    expect(bytes.length).toBeGreaterThan(100_000);
    const has = (s: string) => bytes.includes(Buffer.from(s, 'utf8'));
    expect(has(marker)).toBe(true);
    expect(has('测试加密')).toBe(true);
    for (const secret of [
      nationalId,
      phone,
      partyPhone,
      cnId('1975-01-02', 13, '510104'),
      nationalId.slice(0, 14),
      phone.slice(3),
    ]) {
      expect(has(secret), `plaintext ${secret} found in the dump`).toBe(false);
    }
  });
});
