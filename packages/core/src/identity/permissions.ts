// The permission matrix: which role may do what. It lives in core so the server guards
// routes with it and the web app hides what a user may not do, from one table.

export const ROLES = [
  'admin',
  'manager',
  'loan_officer',
  'service_agent',
  'risk_analyst',
  'compliance_auditor',
  'school_officer',
  'student',
] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'student');

/** Roles that must use a second factor once an admin requires it, and may always enrol. */
export const PRIVILEGED_ROLES: readonly Role[] = ['admin', 'manager', 'compliance_auditor', 'risk_analyst'];

export const PERMISSIONS = [
  // identity
  'self.read', // one's own account, session, language, password, second factor
  'users.read',
  'users.manage',
  // audit
  'audit.read',
  'audit.export',
  'audit.verify',
  // personal data: reading unmasked values is itself audited
  'pii.read',
  // loan engine
  'calculator.use',
  'products.read',
  'products.manage',
  // customers: school officers and students are limited to their own school / own record in the service
  'customers.read',
  'customers.internal', // staff-only notes, tasks and the full timeline of a customer
  'customers.manage',
  'customers.import',
  'customers.privacy', // data-subject export, anonymisation
  'customers.consent', // record consent given or withdrawn
  'enrolments.report', // enrolment status changes and term results
  'segments.manage',
  // servicing: students reach only their own loans (checked in the service)
  'loans.read',
  'loans.manage', // create/board loans, disburse tranches, change states
  'ledger.read', // journals, trial balance, reconciliation
  'payments.post',
  'payments.reverse',
  'payments.reconcile', // bank statement import and suspense matching
  'cob.run',
  'hardship.request',
  'hardship.approve',
  'collections.work',
  // risk: scorecards (train/import/validate, four-eyes approve/activate/retire, score applications)
  'risk.read',
  'risk.models.manage',
  'risk.models.approve',
  'risk.score',
  'risk.register.manage', // risk register: risks, controls, key risk indicators, incident log
  // engagement: messages, templates, journeys, interactions, staff tasks
  'messages.read', // messages, delivery history, rates, journey monitor
  'messages.send', // compose to a customer or a segment
  'messages.inbox', // a student's own portal inbox and communication preferences
  'templates.manage',
  'templates.approve', // compliance approval of regulated notices (four eyes)
  'journeys.manage',
  'interactions.log', // calls, meetings, visits, replies; one's own task list
  'tasks.manage', // team task views, assignment rules, escalation
  // service desk: tickets, SLA, knowledge base (students reach only their own tickets, checked in the service)
  'tickets.read', // staff: inbox, ticket views, customer context
  'tickets.work', // staff: reply, note, assign, change status, log phone/walk-in tickets
  'tickets.supervise', // board, escalation, SLA policies, assignment rules, performance, improvement actions
  'tickets.own', // a student's own requests: submit, reply, rate
  'complaints.register', // the regulator-ready complaint register and its export
  'kb.read', // help centre and answer assistant
  'kb.manage', // write and publish knowledge articles, canned replies
  // origination: applications to disbursement
  'applications.read', // staff: application queue, review page, funnel
  'applications.manage', // staff: enter applications (branch, campus event), verify, make offers
  'applications.decide', // first credit decision: approve, decline, refer
  'applications.approve', // second approver (four eyes) on large or out-of-policy approvals
  'applications.apply', // the portal's application routes: a student their own; staff with applications.manage on a customer's behalf
  'enrolments.confirm', // a school officer confirms enrolment for their own school's applicants
  'disbursements.manage', // pay out tranches, cancel within the window
  'contracts.verify', // check a contract PDF against the stored seal
  // risk: behavioural reviews and early warning
  'risk.alerts.work', // the alert work queue: assign, run playbook steps, close with an outcome
  'risk.alerts.manage', // alert rules, macro series, employment reports, behavioural scorecard, run reviews
  // surveys: satisfaction surveys, waves, results, closed loop
  'surveys.read', // designer view, waves, live results, reports and exports, closed-loop board
  'surveys.manage', // design and publish surveys, run waves, improvement actions, verification, scheduled reports
  'surveys.respond', // key in phone and paper interviews
  'surveys.follow_up', // record the result of a follow-up on a low score or a detractor
  // compliance: credit-bureau furnishing and disputes, the compliance dashboard
  'compliance.read', // compliance dashboard, furnishing runs and files, disputes
  'compliance.manage', // run/release furnishing files, enter bureau disputes, resolve disputes
  'disputes.own', // a student disputes the credit reporting of their own loans
  // growth: campaigns, attribution, A/B tests, next-best offers
  'campaigns.read', // campaign list, results, attribution, A/B results
  'campaigns.manage', // create, edit, launch campaigns; costs; tracking codes; run next-best offers
  // growth: prospects (leads), campus events, referrals
  'prospects.read', // pipeline, prospect pages, campus events and their results
  'prospects.manage', // enter, import, assign, move and convert prospects
  'events.manage', // plan campus events, their budget, status and cost
  'referrals.manage', // customers' referral codes and the reward ledger (pay, void)
  'referrals.own', // a student's own referral code, link and referred friends
  // analytics: management dashboards, lifetime value, churn, market share, scheduled reports
  'analytics.read', // dashboards and their drill-down lists, CLV, churn, repeat borrowing, NPS by segment, market share
  'reports.schedule', // schedule dashboard reports by e-mail; enrolment import; CLV/churn assumptions; refresh summaries
  // compliance programme: disclosures, staff training, fair lending, internal review
  'disclosures.manage', // disclosure templates, the disclosure and acknowledgement log, privacy-notice runs
  'disclosures.acknowledge', // a borrower reads and acknowledges their own disclosures in the portal
  'training.self', // one's own required training and attestations
  'training.manage', // courses, role assignments, the completion matrix
  'fairlending.read', // adverse-action log, fair-lending monitoring runs and findings
  'fairlending.manage', // run monitoring on demand, raise findings from a run
  'review.perform', // second-line internal review: samples, checklists, findings and remediation
  // KYC / AML: identity verification, sanctions screening, payee-change controls, suspicious activity
  'kyc.read', // a customer's identity verifications, screening hits and disbursement accounts
  'kyc.verify', // run identity verification and screening; register an account or request its change
  'payees.verify', // re-verify (or reject) a changed disbursement account: not the requester
  'sanctions.review', // the screening hit queue: true match / false positive (and the four-eyes approval)
  'sanctions.manage', // import sanctions lists, run and watch re-screening
  'aml.cases', // suspicious-activity cases, their evidence and filing (compliance staff only)
  // data protection and regulator reporting
  'retention.manage', // retention schedule, legal holds, retention runs and their evidence, data residency
  'dsr.manage', // data-subject requests: file for a customer, fulfil access/correction/deletion, refuse
  'dsr.own', // a student files and follows their own data-subject requests in the portal
  'regulator.reports', // EAST / NSLDS / complaint-register extracts: run, validate, download
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ALL,
  manager: [
    'self.read',
    'analytics.read',
    'reports.schedule',
    'users.read',
    'audit.read',
    'audit.export',
    'pii.read',
    'calculator.use',
    'products.read',
    'products.manage',
    'customers.read',
    'customers.internal',
    'customers.manage',
    'customers.import',
    'customers.privacy',
    'customers.consent',
    'enrolments.report',
    'segments.manage',
    'loans.read',
    'loans.manage',
    'ledger.read',
    'payments.post',
    'payments.reverse',
    'payments.reconcile',
    'cob.run',
    'hardship.request',
    'hardship.approve',
    'collections.work',
    'risk.read',
    'risk.models.approve',
    'risk.score',
    'risk.register.manage',
    'risk.alerts.work',
    'messages.read',
    'messages.send',
    'templates.manage',
    'journeys.manage',
    'interactions.log',
    'tasks.manage',
    'tickets.read',
    'tickets.work',
    'tickets.supervise',
    'complaints.register',
    'kb.read',
    'kb.manage',
    // origination
    'applications.read',
    'applications.apply',
    'applications.manage',
    'applications.decide',
    'applications.approve',
    'disbursements.manage',
    'contracts.verify',
    'surveys.read',
    'surveys.manage',
    'surveys.respond',
    'surveys.follow_up',
    'compliance.read',
    'compliance.manage',
    'campaigns.read',
    'campaigns.manage',
    'prospects.read',
    'prospects.manage',
    'events.manage',
    'referrals.manage',
    'disclosures.manage',
    'training.self',
    'training.manage',
    'fairlending.read',
    'review.perform',
    'kyc.read',
    'kyc.verify',
    'payees.verify',
    'sanctions.review',
  ],
  loan_officer: [
    'self.read',
    'pii.read',
    'calculator.use',
    'products.read',
    'customers.read',
    'customers.internal',
    'customers.manage',
    'customers.consent',
    'enrolments.report',
    'loans.read',
    'loans.manage',
    'payments.post',
    'hardship.request',
    'risk.score',
    'messages.read',
    'messages.send',
    'interactions.log',
    'tickets.read',
    'kb.read',
    // origination
    'applications.read',
    'applications.apply',
    'applications.manage',
    'applications.decide',
    'disbursements.manage',
    'contracts.verify',
    'surveys.read',
    'surveys.respond',
    'campaigns.read',
    'prospects.read',
    'prospects.manage',
    'events.manage',
    'training.self',
    'kyc.read',
    'kyc.verify',
  ],
  service_agent: [
    'self.read',
    'calculator.use',
    'products.read',
    'customers.read',
    'customers.internal',
    'customers.manage',
    'customers.consent',
    'loans.read',
    'payments.post',
    'hardship.request',
    'collections.work',
    'risk.alerts.work',
    'messages.read',
    'messages.send',
    'interactions.log',
    'tickets.read',
    'tickets.work',
    'kb.read',
    // origination
    'applications.read',
    'contracts.verify',
    'surveys.read',
    'surveys.respond',
    'surveys.follow_up',
    'training.self',
    'kyc.read',
    'kyc.verify',
  ],
  risk_analyst: [
    'self.read',
    'analytics.read',
    'calculator.use',
    'products.read',
    'customers.read',
    'customers.internal',
    'segments.manage',
    'loans.read',
    'ledger.read',
    'collections.work',
    'risk.read',
    'risk.models.manage',
    'risk.score',
    'risk.register.manage',
    'risk.alerts.work',
    'risk.alerts.manage',
    'messages.read',
    // origination
    'applications.read',
    'applications.approve',
    'contracts.verify',
    'surveys.read',
    'training.self',
    'fairlending.read',
  ],
  compliance_auditor: [
    'self.read',
    'users.read',
    'audit.read',
    'audit.export',
    'audit.verify',
    'pii.read',
    'products.read',
    'customers.read',
    'customers.internal',
    'customers.privacy',
    'loans.read',
    'ledger.read',
    'risk.read',
    'messages.read',
    'templates.approve',
    'tickets.read',
    'complaints.register',
    'kb.read',
    // origination
    'applications.read',
    'contracts.verify',
    'surveys.read',
    'compliance.read',
    'compliance.manage',
    'disclosures.manage',
    'training.self',
    'training.manage',
    'fairlending.read',
    'fairlending.manage',
    'review.perform',
    'kyc.read',
    'kyc.verify',
    'payees.verify',
    'sanctions.review',
    'sanctions.manage',
    'aml.cases',
    'retention.manage',
    'dsr.manage',
    'regulator.reports',
  ],
  school_officer: [
    'self.read',
    'calculator.use',
    'customers.read',
    'enrolments.report',
    'enrolments.confirm',
    'training.self',
  ],
  student: [
    'self.read',
    'calculator.use',
    'customers.read',
    'customers.consent',
    'loans.read',
    'payments.post',
    'hardship.request',
    'messages.inbox',
    'tickets.own',
    'kb.read',
    // origination: own applications only (checked in the service)
    'applications.apply',
    'contracts.verify',
    'disputes.own',
    'disclosures.acknowledge',
    'referrals.own',
    'dsr.own',
  ],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Everything any of the user's roles grants. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return out;
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}
