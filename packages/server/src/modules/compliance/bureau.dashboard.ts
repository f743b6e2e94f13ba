// The dashboard's credit-reporting section: this cycle's and last cycle's furnishing runs per
// bureau format, runs that failed validation, and cycles due but not yet released.
import type { Deps } from '../../deps.ts';
import type { AtRiskItem, DashboardSection } from './dashboard.ts';
import { lastClosedCycle, listRunViews } from './bureau.service.ts';
import { BUREAU_FORMATS } from './bureau.tables.ts';

/** Days after a cycle's end by which its file should be released (bureaus expect it monthly). */
const RELEASE_WITHIN_DAYS = 10;

export async function creditReportingSection(deps: Deps, now: Date): Promise<DashboardSection> {
  const runs = await listRunViews(deps, undefined, 100);
  const cycle = await lastClosedCycle(deps);
  const atRisk: AtRiskItem[] = [];
  let due = 0;
  for (const bureau of BUREAU_FORMATS) {
    const run = runs.find((r) => r.bureau === bureau && r.cycle === cycle);
    if (run?.status === 'released') continue;
    due++;
    // The release deadline: RELEASE_WITHIN_DAYS after the cycle's month ends.
    const [y, m] = cycle.split('-').map(Number) as [number, number];
    const dueAt = new Date(Date.UTC(y, m, RELEASE_WITHIN_DAYS, 23, 59, 59));
    if (dueAt.getTime() - now.getTime() <= 5 * 86_400_000)
      atRisk.push({
        id: run?.id ?? `${bureau}:${cycle}`,
        kind: 'bureau-run',
        title: `${bureau === 'metro2' ? 'Metro 2' : 'PBOC 征信'} ${cycle}${run ? ` (${run.status})` : ''}`,
        dueAt: dueAt.toISOString(),
        overdue: dueAt <= now,
        href: run ? `/compliance/furnishing/${run.id}` : '/compliance/furnishing',
      });
  }
  const invalid = runs.filter((r) => r.status === 'invalid').length;
  const released = runs.filter((r) => r.status === 'released').length;
  return {
    key: 'credit-reporting',
    title: { en: 'Credit reporting', zh: '征信报送' },
    figures: [
      {
        key: 'released',
        label: { en: 'Files released', zh: '已报送文件' },
        value: released,
        tone: 'neutral',
        href: '/compliance/furnishing',
      },
      {
        key: 'due',
        label: { en: `Files due for ${cycle}`, zh: `${cycle} 待报送文件` },
        value: due,
        tone: due > 0 ? 'warn' : 'ok',
        href: '/compliance/furnishing',
      },
      {
        key: 'invalid',
        label: { en: 'Files failing validation', zh: '校验未通过的文件' },
        value: invalid,
        tone: invalid > 0 ? 'bad' : 'ok',
        href: '/compliance/furnishing',
      },
    ],
    atRisk,
  };
}
