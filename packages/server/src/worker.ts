// Background work: pg-boss queues on the same database (close of business, messaging, journeys,
// early warning, surveys, SLA escalation, month-end snapshots) and the audit-chain sealer.
// It runs inside `bursar serve` by default (one process is enough for most lenders) or on its own
// as `bursar worker`, as many as needed, with API servers started with BURSAR_JOBS=off.
import type { Deps } from './deps.ts';
import { registerJobs, startJobQueue } from './jobs/jobs.ts';
import { sealAuditTrail } from './modules/audit/index.ts';
import {
  registerDomainEventSource,
  registerJourneyActionHook,
  startEngagementJobs,
} from './modules/engagement/index.ts';
import { earlyWarningJobs, portfolioJobs } from './modules/risk/index.ts';
import { deskJobs } from './modules/service-desk/index.ts';
import { servicingEventsAfter, servicingJobs } from './modules/servicing/index.ts';
import { journeySurveyHook, surveyJobs } from './modules/surveys/index.ts';
import {
  enforceDataRegion,
  furnishingJobs,
  programmeJobs,
  retentionJobs,
  sanctionsJobs,
} from './modules/compliance/index.ts';
import { SYSTEM_ACTOR } from './deps.ts';
import { analyticsJobs } from './modules/analytics/index.ts';
import { campaignJobs, prospectJobs } from './modules/growth/index.ts';

export interface BackgroundWork {
  stop(): Promise<void>;
}

/** Seal new audit events into the chain every two seconds (sealing takes a lock: many sealers are safe). */
export function startAuditSealer(deps: Deps, onError: (err: unknown) => void): { stop(): void } {
  const sealer = setInterval(() => {
    sealAuditTrail(deps).catch(onError);
  }, 2000);
  sealer.unref();
  return { stop: () => clearInterval(sealer) };
}

/** Start the job queue and every module's jobs. Safe to run in many processes at once. */
export async function startBackgroundWork(deps: Deps): Promise<BackgroundWork> {
  // A worker pointed at another region's database refuses to start, as the API server does.
  await enforceDataRegion(deps);
  const boss = await startJobQueue(deps.database, {
    maintenanceIntervalSeconds: deps.config.jobMaintenanceSeconds,
  });
  const unregisterServicing = registerDomainEventSource({
    name: 'servicing',
    async after(db, afterId, limit) {
      const rows = await servicingEventsAfter(db, afterId, limit);
      return rows.map((e) => ({
        source: 'servicing',
        id: e.id,
        type: e.type,
        customerId: e.customerId,
        loanId: e.loanId,
        businessDate: e.businessDate,
        payload: e.payload as Record<string, unknown>,
      }));
    },
  });
  const engagementJobs = await startEngagementJobs(deps, boss);
  const cobOn = deps.config.cobSchedule !== 'off';
  // The nightly close of business, in the lender's time zone (COB_SCHEDULE=off to run it by hand).
  if (cobOn)
    await registerJobs(
      boss,
      servicingJobs(deps, { cron: deps.config.cobSchedule, utcOffsetHours: deps.config.cobUtcOffsetHours }),
    );
  // Month-end snapshots of the loan book for roll rates and vintages, once COB has passed a month end.
  await registerJobs(boss, portfolioJobs(deps));
  // Early warning an hour after COB, and the monthly behavioural review once a month end is closed.
  if (cobOn) await registerJobs(boss, earlyWarningJobs(deps));
  // Survey reminders to non-responders and scheduled report e-mails; journeys' "add to a survey wave" step.
  await registerJobs(boss, surveyJobs(deps));
  const unregisterSurveyHook = registerJourneyActionHook('survey', journeySurveyHook);
  // Service desk: SLA breach prediction and escalation every five minutes.
  await registerJobs(boss, deskJobs(deps));
  // Sanctions: re-screen every customer after a list import (resumable runs, checked every minute).
  await registerJobs(boss, sanctionsJobs(deps, { ...SYSTEM_ACTOR, actorName: 'sanctions-rescreen-job' }));
  // Data retention: the retention schedule applied once a day (idempotent per day, resumable).
  await registerJobs(boss, retentionJobs(deps));
  // Fair-lending monitoring (weekly) and the annual privacy notice (January, once per year).
  await registerJobs(boss, programmeJobs(deps));
  // Credit-bureau furnishing: each month's Metro 2 and PBOC files generated and validated, released by a person.
  await registerJobs(boss, furnishingJobs(deps));
  // Management dashboards: summaries rebuilt once COB has moved the business date; scheduled reports.
  await registerJobs(boss, analyticsJobs(deps));
  // Campaigns: the send scheduler every minute and the nightly next-best offers.
  await registerJobs(boss, campaignJobs(deps));
  // Prospects: converted prospects followed to funding (referral rewards earned) every hour.
  await registerJobs(boss, prospectJobs(deps));
  return {
    async stop() {
      unregisterServicing();
      unregisterSurveyHook();
      await engagementJobs.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
    },
  };
}
