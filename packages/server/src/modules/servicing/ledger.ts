// The chart of accounts in code (rows are inserted by the migration) and journal posting.
export const ACCOUNTS = {
  principal: '1100',
  interestAccrued: '1110',
  interestDue: '1120',
  penalty: '1130',
  fees: '1140',
  subsidy: '1150',
  disbursementClearing: '1300',
  creditBalance: '2100',
  suspense: '2200',
  interestIncome: '4100',
  subsidyIncome: '4110',
  penaltyIncome: '4200',
  feeIncome: '4300',
  recoveries: '4400',
  writeOff: '5100',
  relief: '5200',
  boarding: '3900',
} as const;

export const PAYMENT_CHANNELS = [
  'bank_transfer',
  'direct_debit',
  'card',
  'branch_cash',
  'payroll',
  'state_subsidy',
  'simulated',
] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export const CLEARING_ACCOUNT: Record<PaymentChannel, string> = {
  bank_transfer: '1210',
  direct_debit: '1211',
  card: '1212',
  branch_cash: '1213',
  payroll: '1214',
  state_subsidy: '1215',
  simulated: '1216',
};

export { insertJournal as postJournal, type JournalInput } from './servicing.repository.ts';
