// The demo portfolio: staff of every role and a demo student, so a new install shows a living
// lender. Later modules add their own demo data here.
import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '@bursar/core';
import { SYSTEM_ACTOR, type Deps } from '../deps.ts';
import { countAllUsers, createUser, type Locale } from '../modules/identity/index.ts';
import { demoCustomerCount, seedDemoCustomers } from '../modules/customers/index.ts';
import { installBuiltInProducts } from '../modules/products/index.ts';
import { seedDemoEngagement } from '../modules/engagement/index.ts';
import { seedDemoOrigination } from '../modules/origination/index.ts';
import { demoLoanOptions, seedDemoLoans } from '../modules/servicing/index.ts';
import { seedDemoServiceDesk } from '../modules/service-desk/index.ts';
import { seedDemoEarlyWarning, seedDemoPortfolioRisk } from '../modules/risk/index.ts';
import { seedDemoSurveys } from '../modules/surveys/index.ts';
import { seedDemoAcquisition, seedDemoCampaigns } from '../modules/growth/index.ts';
import { seedDemoAnalytics } from '../modules/analytics/index.ts';
import {
  seedDemoComplianceCreditReporting,
  seedDemoComplianceProgramme,
  seedDemoDataProtection,
  seedDemoKycAml,
} from '../modules/compliance/index.ts';

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  displayName: string;
}

const DEMO_PEOPLE: Record<Role, { username: string; displayName: string; locale: Locale }> = {
  admin: { username: 'admin', displayName: 'Alex Admin', locale: 'en' },
  manager: { username: 'manager', displayName: '王经理 Wang Li', locale: 'zh-CN' },
  loan_officer: { username: 'officer', displayName: 'Lina Loan Officer', locale: 'en' },
  service_agent: { username: 'agent', displayName: '陈客服 Chen Jing', locale: 'zh-CN' },
  risk_analyst: { username: 'risk', displayName: 'Ravi Risk Analyst', locale: 'en' },
  compliance_auditor: { username: 'auditor', displayName: 'Carmen Compliance', locale: 'en' },
  school_officer: { username: 'school', displayName: '李老师 Li Wei (Financial Aid)', locale: 'zh-CN' },
  student: { username: 'student', displayName: '张小明 Zhang Xiaoming', locale: 'zh-CN' },
};

function demoPassword(): string {
  // Readable but strong: four groups of random base32-ish characters.
  const raw = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}`;
}

export class DatabaseNotEmptyError extends Error {}

/**
 * Seed an empty database. Passwords are random unless BURSAR_DEMO_PASSWORD fixes one for all
 * demo users (handy for tests and screenshots); they are returned once and stored only hashed.
 */
export async function seedDemo(
  deps: Deps,
  opts: { password?: string | undefined } = {},
): Promise<DemoLogin[]> {
  if ((await countAllUsers(deps)) > 0)
    throw new DatabaseNotEmptyError('The database already has users; seed only an empty one');
  const logins: DemoLogin[] = [];
  await installBuiltInProducts(deps, SYSTEM_ACTOR);
  const customers = await seedDemoCustomers(deps, SYSTEM_ACTOR, demoCustomerCount());
  for (const role of ROLES) {
    const p = DEMO_PEOPLE[role];
    const password = opts.password ?? demoPassword();
    await createUser(deps, SYSTEM_ACTOR, {
      username: p.username,
      displayName: p.displayName,
      email: `${p.username}@demo.bursar.example`,
      password,
      roles: [role],
      locale: p.locale,
      ...(role === 'school_officer'
        ? { schoolId: customers.schoolId }
        : role === 'student'
          ? { customerId: customers.studentCustomerId }
          : {}),
    });
    logins.push({ username: p.username, password, role, displayName: p.displayName });
  }
  // After the users: assignment rules give demo tasks to the demo staff.
  await seedDemoEngagement(deps, { studentCustomerId: customers.studentCustomerId });
  await seedDemoLoans(deps, { studentCustomerId: customers.studentCustomerId, ...demoLoanOptions() });
  // Applications at every stage (the demo student has an offer waiting for signature).
  await seedDemoOrigination(deps, { schoolId: customers.schoolId, studentCustomerId: customers.studentCustomerId });
  // After the loan book's history: month-end snapshots and the risk register.
  await seedDemoPortfolioRisk(deps);
  // Behavioural grades for the last two closed months and early-warning alerts.
  await seedDemoEarlyWarning(deps);
  await seedDemoSurveys(deps);
  // After users (loan officers own prospects): prospects, campus events, the student's referrals.
  await seedDemoAcquisition(deps, { schoolId: customers.schoolId, studentCustomerId: customers.studentCustomerId });
  await seedDemoCampaigns(deps);
  // After users and loans: agents, knowledge base and tickets in every status.
  await seedDemoServiceDesk(deps, { studentCustomerId: customers.studentCustomerId });
  // Sanctions lists (sample), one pending screening hit, an account on file and a suspicious-activity case.
  await seedDemoKycAml(deps, { studentCustomerId: customers.studentCustomerId });
  // Retention schedule and run, a legal hold, a data-subject request near its deadline, an EAST run.
  await seedDemoDataProtection(deps, { studentCustomerId: customers.studentCustomerId });
  // Training catalogue with demo staff current (one lapsed officer), a fair-lending run, a review finding.
  await seedDemoComplianceProgramme(deps, { password: opts.password });
  // Credit reporting: last month's bureau files released, disputes on their 30-day clocks.
  await seedDemoComplianceCreditReporting(deps);
  // Last: demo enrolment figures (marked demo-estimate) and the dashboard summaries over everything above.
  await seedDemoAnalytics(deps);
  return logins;
}

export function formatDemoLogins(logins: DemoLogin[]): string {
  const width = Math.max(...logins.map((l) => l.username.length));
  return [
    'Demo logins (shown once; change them or create your own users):',
    ...logins.map((l) => `  ${l.username.padEnd(width)}  ${l.password}  (${l.role})`),
  ].join('\n');
}
