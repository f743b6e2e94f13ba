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
