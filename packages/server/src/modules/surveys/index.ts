// Public surface of the surveys module: other modules use surveys only through this file.
export { surveysRoutes } from './surveys.routes.ts';
// Event-fed waves: a producer (service desk on a resolved ticket, origination on a disbursement)
// adds its customer to every open wave waiting for that event, inside its own transaction.
export { addToTriggeredWaves, journeySurveyHook, sendReminders } from './waves.service.ts';
export { installStudentLoanSurvey } from './surveys.service.ts';
export { surveyJobs, deliverDueReports } from './schedules.service.ts';
export { seedDemoSurveys } from './demo-seed.ts';
