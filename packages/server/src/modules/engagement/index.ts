// Public surface of the engagement module: other modules use engagement only through this file.
export { engagementRoutes } from './engagement.routes.ts';
// The outbox: write a message in the caller's transaction; dispatch it later.
export {
  enqueueMessage,
  dispatchOnce,
  dispatchUntilIdle,
  recordDeliveryReport,
  closeDrivers,
  type EnqueueInput,
  type EnqueueResult,
  type DispatchStats,
} from './outbox.service.ts';
// Journeys: producers hand over domain events, or expose an outbox engagement polls.
export {
  handleDomainEvent,
  registerDomainEventSource,
  registerJourneyActionHook,
  runDueJourneys,
  scanDateTriggers,
  pollEventSources,
  type DomainEvent,
  type DomainEventSource,
  type ActionHook,
} from './journeys.service.ts';
// Interactions: e.g. servicing's collection contact attempts.
export { logInteraction, type InteractionInput } from './interactions.service.ts';
export { escalateOverdueTasks } from './tasks.service.ts';
export {
  startEngagementJobs,
  engagementJobs,
  runJourneyScheduler,
  ENGAGEMENT_QUEUES,
  type EngagementJobs,
} from './engagement.jobs.ts';
export { configureEngagement, engagementSettings, type EngagementSettings } from './channels.settings.ts';
export { installEngagementDefaults } from './defaults.ts';
export { seedDemoEngagement } from './demo-seed.ts';
