import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import {
  anchorAuditTrail,
  readAnchors,
  recordAudit,
  sealAuditTrail,
  verifyAuditTrail,
} from './audit.service.ts';

let deps: TestDeps;
let anchorDir: string;

beforeEach(async () => {
  deps = await openTestDeps();
  anchorDir = mkdtempSync(path.join(os.tmpdir(), 'bursar-anchor-'));
});
afterEach(async () => {
  await deps.dispose();
  rmSync(anchorDir, { recursive: true, force: true });
});

async function writeEvents(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await deps.database.db.transaction((tx) =>
      recordAudit(tx, { ...SYSTEM_ACTOR, requestId: `r${i}` }, deps.now(), {
        action: 'test.happened',
        entityType: 'thing',
        entityId: String(i),
        before: { n: i, nested: { b: 1, a: [1, 'x'] } },
        after: { n: i + 1, name: '张*' },
      }),
    );
  }
}

/** Tampering needs the append-only trigger out of the way: as a database owner could do. */
async function tamper(sqlText: string, values: unknown[] = []): Promise<void> {
  await deps.database.exec('alter table audit_events disable trigger audit_events_append_only');
  await deps.database.query(sqlText, values);
  await deps.database.exec('alter table audit_events enable trigger audit_events_append_only');
}

describe('audit chain', () => {
  it('seals rows in order and verifies an untouched chain', async () => {
    await writeEvents(5);
    expect(await sealAuditTrail(deps)).toBe(5);
    expect(await sealAuditTrail(deps)).toBe(0);
    await writeEvents(3);
    const report = await verifyAuditTrail(deps);
    expect(report).toMatchObject({ ok: true, checked: 5, pending: 3 });
    await sealAuditTrail(deps);
    expect(await verifyAuditTrail(deps)).toMatchObject({ ok: true, checked: 8, pending: 0 });
  });

  it('refuses updates and deletes through the append-only trigger', async () => {
    await writeEvents(2);
    await sealAuditTrail(deps);
    await expect(
      deps.database.query(`update audit_events set action = 'x' where chain_pos = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(deps.database.query('delete from audit_events where chain_pos = 1')).rejects.toThrow(
      /append-only/,
    );
  });

  it('names an edited row', async () => {
    await writeEvents(6);
    await sealAuditTrail(deps);
    await tamper(`update audit_events set after = '{"n": 999}' where chain_pos = 4`);
    const report = await verifyAuditTrail(deps);
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ chainPos: 4 });
    expect(report.firstBad!.reason).toMatch(/edited/);
  });

  it('names a deleted row', async () => {
    await writeEvents(6);
    await sealAuditTrail(deps);
    await tamper('delete from audit_events where chain_pos = 3');
    const report = await verifyAuditTrail(deps);
    expect(report.firstBad).toMatchObject({ chainPos: 3 });
    expect(report.firstBad!.reason).toMatch(/deleted/);
  });

  it('names an inserted row even with a plausible position and hash', async () => {
    await writeEvents(4);
    await sealAuditTrail(deps);
    // Shift rows 3.. up by one and forge a row at 3 with a hash made without the sealing key.
    await tamper('update audit_events set chain_pos = chain_pos + 1000 where chain_pos >= 3');
    await tamper('update audit_events set chain_pos = chain_pos - 999 where chain_pos >= 1000');
    const [prev] = await deps.database.query<{ hash: string }>(
      'select hash from audit_events where chain_pos = 2',
    );
    await tamper(
      `insert into audit_events (id, occurred_at, action, entity_type, chain_pos, prev_hash, hash)
       values (gen_random_uuid(), now(), 'forged', 'thing', 3, $1, repeat('a', 64))`,
      [prev!.hash],
    );
    const report = await verifyAuditTrail(deps);
    expect(report.ok).toBe(false);
    expect(report.firstBad!.chainPos).toBe(3);
  });

  it('catches rows cut from the end after an anchor', async () => {
    await writeEvents(5);
    const file = path.join(anchorDir, 'anchors.log');
    const anchor = await anchorAuditTrail(deps, file);
    expect(anchor).toMatchObject({ chainPos: 5 });
    expect(readAnchors(file)).toHaveLength(1);
    expect(await verifyAuditTrail(deps, readAnchors(file))).toMatchObject({ ok: true, anchorsChecked: 1 });
    await tamper('delete from audit_events where chain_pos >= 4');
    const report = await verifyAuditTrail(deps, readAnchors(file));
    expect(report.ok).toBe(false);
    expect(report.firstBad!.chainPos).toBe(5);
    expect(report.firstBad!.reason).toMatch(/cut from the end/);
  });

  it('keeps writers free of the chain lock and seals concurrent writes exactly once', async () => {
    const writers = Array.from({ length: 4 }, () => writeEvents(10));
    const sealers = Array.from({ length: 3 }, () => sealAuditTrail(deps, 7));
    await Promise.all([...writers, ...sealers]);
    await sealAuditTrail(deps);
    const report = await verifyAuditTrail(deps);
    expect(report).toMatchObject({ ok: true, checked: 40, pending: 0 });
  });

  it('rolls an audit row back with the change it records', async () => {
    await expect(
      deps.database.db.transaction(async (tx) => {
        await recordAudit(tx, SYSTEM_ACTOR, deps.now(), { action: 'test.rolled_back', entityType: 'thing' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await deps.database.query(`select 1 from audit_events where action = 'test.rolled_back'`);
    expect(rows).toHaveLength(0);
  });
});

describe('bursar audit verify (CLI)', () => {
  afterAll(() => vi.unstubAllEnvs());
  it('exits 0 on an untouched chain and 1 naming the tampered row', async () => {
    const { main } = await import('../../cli/main.ts');
    const { openDeps } = await import('../../bootstrap.ts');
    const { loadConfig } = await import('../../config.ts');
    // The CLI opens the database itself: give it this test's database and a data dir of its own.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bursar-cli-'));
    vi.stubEnv('DATA_DIR', dataDir);
    vi.stubEnv('LOG_LEVEL', 'silent');
    const url = deps.database.url;
    if (url) vi.stubEnv('DATABASE_URL', url);
    else vi.stubEnv('DATABASE_URL', undefined);
    const cliDeps = await openDeps(loadConfig());
    for (let i = 0; i < 3; i++) {
      await cliDeps.database.db.transaction((tx) =>
        recordAudit(tx, SYSTEM_ACTOR, new Date(), {
          action: 'cli.test',
          entityType: 'thing',
          entityId: String(i),
        }),
      );
    }
    await cliDeps.database.close();
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await main(['node', 'bursar', 'audit', 'anchor'])).toBe(0);
    expect(await main(['node', 'bursar', 'audit', 'verify'])).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toMatch(/Audit trail verified: 3 rows, 1 anchors/);

    const again = await openDeps(loadConfig());
    await again.database.exec('alter table audit_events disable trigger audit_events_append_only');
    await again.database.query(`update audit_events set entity_id = 'changed' where chain_pos = 2`);
    await again.database.close();
    expect(await main(['node', 'bursar', 'audit', 'verify'])).toBe(1);
    expect(err.mock.calls.flat().join('\n')).toMatch(/TAMPERED at chain position 2/);
    err.mockRestore();
    log.mockRestore();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
