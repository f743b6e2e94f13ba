// Measurement: delivery, open, click and reply rates per template, journey and channel, and the
// effect of a reminder journey on on-time payment against its hold-out group.
import { rateDifference, wilson } from '@bursar/core';
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import * as repo from './engagement.repository.ts';

function ratesOf(r: repo.RateRow) {
  const rate = (n: number, d: number) => (d > 0 ? n / d : null);
  return {
    key: r.key,
    total: r.total,
    suppressed: r.suppressed,
    sent: r.sent,
    delivered: r.delivered,
    bounced: r.bounced,
    failed: r.failed,
    opened: r.opened,
    clicked: r.clicked,
    replied: r.replied,
    deliveryRate: rate(r.delivered, r.sent),
    openRate: rate(r.opened, r.delivered),
    clickRate: rate(r.clicked, r.delivered),
    replyRate: rate(r.replied, r.sent),
  };
}

export async function messageRates(
  deps: Deps,
  by: 'template' | 'journey' | 'channel',
  from: string,
  to: string,
) {
  const col = by === 'template' ? 'template_code' : by === 'journey' ? 'journey_id' : 'channel';
  const rows = await repo.rates(
    deps.database.db,
    col,
    new Date(`${from}T00:00:00Z`),
    new Date(`${to}T00:00:00Z`),
  );
  return rows.map(ratesOf);
}

/**
 * On-time payment for runs whose due date has passed: treatment vs hold-out, with Wilson
 * intervals and a Newcombe interval for the difference (percentage points).
 */
export async function journeyEffect(deps: Deps, journeyId: string, confidence = 0.95) {
  const j = await repo.findJourney(deps.database.db, journeyId);
  if (!j) throw Problem.notFound('Journey');
  const today = deps.now().toISOString().slice(0, 10);
  const rows = await repo.onTimeByGroup(deps.database.db, journeyId, today);
  const g = (name: string) => rows.find((r) => r.group === name) ?? { n: 0, on_time: 0 };
  const t = g('treatment');
  const h = g('holdout');
  const e = rateDifference(
    { successes: t.on_time, trials: t.n },
    { successes: h.on_time, trials: h.n },
    confidence,
  );
  return {
    journeyId,
    code: j.code,
    holdoutPercent: j.holdoutPercent,
    measuredThrough: today,
    metric: 'on_time_payment',
    treatment: e.treatment,
    holdout: e.holdout,
    difference: e.difference,
    low: e.low,
    high: e.high,
    confidence,
    significant: e.significant,
    note: h.n < 30 || t.n < 30 ? 'Fewer than 30 due dates in a group: the interval is wide.' : null,
  };
}

export async function journeyMonitor(deps: Deps) {
  const counts = await repo.runCounts(deps.database.db);
  const journeys = await repo.listJourneys(deps.database.db);
  return journeys.map((j) => {
    const mine = counts.filter((c) => c.journey_id === j.id);
    const sum = (f: (c: (typeof mine)[number]) => boolean) => mine.filter(f).reduce((a, c) => a + c.n, 0);
    return {
      journeyId: j.id,
      code: j.code,
      enabled: j.enabled,
      active: sum((c) => c.state === 'active'),
      completed: sum((c) => c.state === 'completed'),
      exited: sum((c) => c.state === 'exited'),
      treatment: sum((c) => c.group === 'treatment'),
      holdout: sum((c) => c.group === 'holdout'),
    };
  });
}

export { wilson };
