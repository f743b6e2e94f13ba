// Demo data of the analytics module. The shared school data (US cohort default rates) carries no
// enrolment, so the demo's enrolment figures are made up and stored with source 'demo-estimate'
// (shown as such on the market-share page); real figures come in by CSV import.
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { openBusinessDate } from '../servicing/index.ts';
import * as repo from './analytics.repository.ts';
import { refreshDashboards } from './dashboards.service.ts';
import { analyticsSettings } from './analytics.settings.ts';
import { termStartOn } from '@bursar/core';

/** A stable made-up enrolment between 6,000 and 42,000 students, growing ~3 % a year. */
export function demoEnrolment(schoolId: string, academicYear: number, baseYear: number): number {
  const h = createHash('sha256').update(schoolId).digest().readUInt32BE(0);
  const base = 6000 + (h % 36000);
  return Math.round(base * Math.pow(1.03, academicYear - baseYear));
}

export async function seedDemoAnalytics(deps: Deps): Promise<void> {
  const db = deps.database.db;
  const [day, s] = await Promise.all([openBusinessDate(deps), analyticsSettings(deps)]);
  const year = Number(termStartOn(day, s.academicYearStartMonth).slice(0, 4));
  const now = deps.now();
  await db.transaction(async (tx) => {
    for (const schoolId of await repo.schoolsWithBorrowers(tx))
      for (let y = year - 3; y <= year; y++)
        await repo.upsertEnrolment(tx, {
          schoolId,
          academicYear: y,
          enrolled: demoEnrolment(schoolId, y, year - 3),
          source: 'demo-estimate',
          updatedAt: now,
        });
  });
  await refreshDashboards(deps, day);
  await db.transaction((tx) => repo.backfillBookFromMonthEnds(tx));
}
