#!/usr/bin/env node
// `npm test`: the whole suite. Core, server (on embedded PGlite) and browser tests; then the
// server suite again on PostgreSQL when DATABASE_URL is set. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const extra = process.argv.slice(2);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bursar-test-report-'));
let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;

function vitest(label, args, env) {
  const report = path.join(tmp, `${label}.json`);
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...args,
      ...extra,
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    },
  );
  try {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    if (j.numTotalTests === 0) ok = false;
  } catch {
    failed += 1;
  }
  if (r.status !== 0) ok = false;
}

const build = spawnSync('npm', ['run', 'build', '-w', '@bursar/web'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) ok = false;

vitest('core, server on PGlite, browser', [], { BURSAR_TEST_DB: 'pglite' });
if (process.env.DATABASE_URL) {
  vitest('server on PostgreSQL', ['--project', 'server'], { BURSAR_TEST_DB: 'postgres' });
} else {
  console.log('\n(DATABASE_URL is not set: the PostgreSQL run is skipped)');
}
rmSync(tmp, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok && failed === 0 ? 0 : 1);
