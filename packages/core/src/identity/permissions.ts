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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ALL,
  manager: [
    'self.read',
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
  ],
  risk_analyst: [
    'self.read',
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
  ],
  school_officer: ['self.read', 'calculator.use', 'customers.read', 'enrolments.report', 'enrolments.confirm'],
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
