#!/usr/bin/env node
// `npm test`: the whole suite. Core, web and the server on embedded PGlite, with the browser tests
// beside them (they run one file at a time and leave a core mostly idle); then the server suite
// again on PostgreSQL when DATABASE_URL is set. Ends with one "N passed, N failed" line.
// Extra arguments go to every vitest run (e.g. `npm test -- --bail 1`).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, createWriteStream } from 'node:fs';
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

/**
 * One vitest run. With `quiet`, its output goes to a file that is printed when it ends, so two
 * runs side by side do not interleave their lines.
 */
function vitest(label, args, env, { quiet = false } = {}) {
  const report = path.join(tmp, `${label.replace(/\W+/g, '-')}.json`);
  const log = path.join(tmp, `${label.replace(/\W+/g, '-')}.log`);
  if (!quiet) console.log(`\n=== ${label} ===`);
  const t0 = Date.now();
  const child = spawn(
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
    { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } },
  );
  if (quiet) {
    const out = createWriteStream(log);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  }
  return new Promise((resolve) => {
    child.on('exit', (status) => {
      if (quiet) {
        console.log(`\n=== ${label} ===`);
        process.stdout.write(readFileSync(log, 'utf8'));
      }
      console.log(`(${label}: ${Math.round((Date.now() - t0) / 1000)} s)`);
      try {
        const j = JSON.parse(readFileSync(report, 'utf8'));
        passed += j.numPassedTests;
        failed += j.numFailedTests;
        skipped += j.numPendingTests + (j.numTodoTests ?? 0);
        if (j.numTotalTests === 0) ok = false;
      } catch {
        failed += 1;
      }
      if (status !== 0) ok = false;
      resolve();
    });
  });
}

const build = spawnSync('npm', ['run', 'build', '-w', '@bursar/web'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) ok = false;

await Promise.all([
  vitest('core, web, server on PGlite', ['--project', 'core', '--project', 'web', '--project', 'server'], {
    BURSAR_TEST_DB: 'pglite',
  }),
  vitest('browser', ['--project', 'e2e'], { BURSAR_TEST_DB: 'pglite' }, { quiet: true }),
]);
if (process.env.DATABASE_URL) {
  // The fuzz test's 10,000 requests per run are made on PGlite above; a sample of 2,000 here.
  await vitest('server on PostgreSQL', ['--project', 'server'], {
    BURSAR_TEST_DB: 'postgres',
    BURSAR_FUZZ_RUNS: process.env.BURSAR_FUZZ_RUNS ?? '2000',
  });
} else {
  console.log('\n(DATABASE_URL is not set: the PostgreSQL run is skipped)');
}
rmSync(tmp, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok && failed === 0 ? 0 : 1);
