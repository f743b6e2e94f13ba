// Public surface of the servicing module.
export { servicingRoutes } from './servicing.routes.ts';
export {
  openLoan,
  disburseTranche,
  getLoan,
  listLoans,
  loanJournals,
  payoffQuote,
  trialBalance,
  reconcile,
  openBusinessDate,
  STAFF_ACCESS,
  type LoanAccess,
  type LoanView,
  type OpenLoanInput,
} from './loans.service.ts';
export {
  postPayment,
  postCustomerPayment,
  reversePayment,
  type PaymentInput,
  type PaymentView,
} from './payments.service.ts';
export {
  closeBusinessDay,
  closeBusinessDaysThrough,
  cobStatus,
  servicingJobs,
  COB_STEPS,
  type CobOptions,
  type CobResult,
} from './cob.service.ts';
export { requestHardship, decideHardship, collectionQueue } from './relief.service.ts';
export { importLoans, type ImportReport } from './boarding.service.ts';
export { recordBenchmarkRate, listBenchmarkRates, BENCHMARKS } from './repricing.service.ts';
export { eventsAfter as servicingEventsAfter } from './servicing.repository.ts';
export { seedDemoLoans, demoLoanOptions } from './demo.service.ts';
// Credit-bureau furnishing (compliance) reads the book through this read model.
export { creditReportingLoans, loanOwner, type CreditReportingLoan } from './credit-reporting.read.ts';
