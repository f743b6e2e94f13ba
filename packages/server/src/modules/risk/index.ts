// Public surface of the risk module (scorecards). Origination scores applications with
// scoreApplication and reports its decisions with recordDecision.
export {
  scoreApplication,
  recordDecision,
  applicationScores,
  trainModel,
  trainFromCsv,
  importModel,
  listModels,
  getModel,
  validateModel,
  approveModel,
  activateModel,
  retireModel,
  discardDraft,
  evaluateModel,
  fairnessOfScores,
  type ModelRef,
  type ScoreApplicationResult,
  type ApplicationScore,
  type ScoreOptions,
  type ModelSummary,
  type ModelView,
  type TrainInput,
  type TrainOutcome,
} from './risk.service.ts';
export { riskRoutes } from './risk.routes.ts';
export { riskTrainCli, riskModelsCli, type RiskTrainCliOptions } from './risk.cli.ts';
export { parseCsvTable, type CsvTable } from './csv.ts';
// Portfolio risk analytics and the risk register.
export { captureMonthEnds, portfolioJobs, portfolioMetrics } from './portfolio.service.ts';
// Analytics values loans with the same PDs and LGD (lifetime value's expected loss).
export { portfolioSettings, type PortfolioSettings } from './portfolio.service.ts';
export { seedDemoPortfolioRisk } from './portfolio.demo.ts';
// Behavioural reviews and early warning (alerts, playbooks), PMML import and monitoring.
export { runBehaviourReview, gradeDashboard } from './behaviour.service.ts';
export { evaluateAlerts, listAlerts } from './early-warning.service.ts';
export { earlyWarningJobs, runEarlyWarningCycle } from './early-warning.jobs.ts';
export { riskReviewCli, riskAlertsCli } from './early-warning.cli.ts';
export { seedDemoEarlyWarning } from './early-warning.demo.ts';
