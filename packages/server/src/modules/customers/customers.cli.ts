// `bursar import customers FILE [--dry-run] [--json]` and `bursar schools load`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { progress } from '../../cli/progress.ts';
import { getImportJob, startImport } from './import.service.ts';
import { loadSchoolCatalogue } from './schools.service.ts';

/** Run an import from a file; prints a summary and row errors. Exit code: 0 all rows fine, 1 some rows failed, 2 unusable file. */
export async function importCustomersFromFile(
  deps: Deps,
  file: string,
  opts: { dryRun?: boolean; json?: boolean },
): Promise<number> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    console.error(`Cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  // A workbook by its extension or its ZIP signature; anything else is read as UTF-8 CSV.
  const isXlsx = /\.xlsx$/i.test(file) || (data[0] === 0x50 && data[1] === 0x4b);
  const source = isXlsx
    ? ({ format: 'xlsx', data } as const)
    : ({ format: 'csv', text: data.toString('utf8') } as const);
  const ctx = { ...SYSTEM_ACTOR, actorName: 'cli' };
  let started;
  try {
    started = await startImport(deps, ctx, {
      ...source,
      fileName: path.basename(file),
      dryRun: opts.dryRun ?? false,
    });
  } catch (e) {
    if (e instanceof Problem) {
      console.error(e.detail ?? e.title);
      return 2;
    }
    throw e;
  }
  const bar = opts.json
    ? null
    : progress(opts.dryRun ? 'checking customers' : 'importing customers', started.job.totalRows);
  const timer = setInterval(() => {
    getImportJob(deps, started.job.id).then(
      (j) => bar?.update(j.processedRows, j.totalRows),
      () => undefined,
    );
  }, 500);
  const job = await started.done;
  clearInterval(timer);
  bar?.update(job.processedRows, job.totalRows);
  bar?.stop();
  if (opts.json) console.log(JSON.stringify(job, null, 2));
  else {
    console.log(
      `${opts.dryRun ? 'Dry run: ' : ''}${job.processedRows} rows: ${job.createdRows} ${opts.dryRun ? 'would be created' : 'created'}, ${job.skippedRows} already imported, ${job.failedRows} failed (job ${job.id})`,
    );
    for (const e of job.errors.slice(0, 50)) console.log(`  row ${e.row}  ${e.field}: ${e.reason}`);
    if (job.errors.length > 50)
      console.log(`  … ${job.errors.length - 50} more errors (GET /api/v1/customers/imports/${job.id})`);
    for (const w of job.warnings.slice(0, 20)) console.log(`  warning row ${w.row}  ${w.field}: ${w.reason}`);
  }
  if (job.status === 'failed') return 2;
  return job.failedRows > 0 ? 1 : 0;
}

export async function loadSchoolsCli(deps: Deps): Promise<number> {
  const n = await loadSchoolCatalogue(deps, { ...SYSTEM_ACTOR, actorName: 'cli' });
  console.log(n > 0 ? `Loaded ${n} schools.` : 'The schools table is not empty; nothing loaded.');
  return 0;
}
