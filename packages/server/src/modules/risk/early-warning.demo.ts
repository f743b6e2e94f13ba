// Demo data for behavioural reviews and early warning: regional unemployment as a macro series,
// a rule watching it, the last two closed months reviewed (so the migration matrix has content)
// and the rules evaluated over the demo loan book.
import { addMonthsIso, monthEnd, previousMonth } from '@bursar/core';
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { importMacroSeries, lastClosedBusinessDate, runBehaviourReview } from './behaviour.service.ts';
import { evaluateAlerts, saveAlertRule } from './early-warning.service.ts';

const DEMO = { ...SYSTEM_ACTOR, actorName: 'demo-seed' };

/** Surveyed urban unemployment by province (%, illustrative), last value the latest month. */
const UNEMPLOYMENT: Record<string, [number, number, number]> = {
  Beijing: [4.3, 4.4, 4.4],
  Hebei: [5.2, 5.4, 5.6],
  Henan: [5.3, 5.6, 6.2],
  Sichuan: [5.2, 5.3, 5.3],
  Guizhou: [5.6, 5.9, 6.4],
  Gansu: [5.5, 5.8, 6.1],
  Yunnan: [5.3, 5.4, 5.5],
  Guangdong: [4.9, 5.0, 5.0],
  Hubei: [5.0, 5.1, 5.1],
};

export async function seedDemoEarlyWarning(deps: Deps): Promise<void> {
  const closed = await lastClosedBusinessDate(deps);
  if (closed === null) return; // no loan book in this demo
  const thisMonth = `${closed.slice(0, 7)}-01`;
  await importMacroSeries(
    deps,
    DEMO,
    Object.entries(UNEMPLOYMENT).flatMap(([region, values]) =>
      values.map((value, i) => ({
        series: 'unemployment',
        scope: 'region' as const,
        key: region,
        period: addMonthsIso(thisMonth, i - 2),
        value,
      })),
    ),
  );
  await saveAlertRule(deps, DEMO, 'regional-unemployment', {
    name: 'Regional unemployment above 6%',
    kind: 'macro_indicator',
    params: { series: 'unemployment', scope: 'region', above: 6 },
    severity: 'low',
    dueBusinessDays: 10,
    playbook: ['contact'],
  });
  const last = previousMonth(closed.slice(0, 7));
  for (const month of [previousMonth(last), last])
    if (monthEnd(month) <= closed) await runBehaviourReview(deps, DEMO, month);
  await evaluateAlerts(deps, DEMO, { date: closed });
}
