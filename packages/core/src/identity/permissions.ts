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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ALL,
  manager: ['self.read', 'users.read', 'audit.read', 'audit.export', 'pii.read', 'calculator.use', 'products.read', 'products.manage'],
  loan_officer: ['self.read', 'pii.read', 'calculator.use', 'products.read'],
  service_agent: ['self.read', 'calculator.use', 'products.read'],
  risk_analyst: ['self.read', 'calculator.use', 'products.read'],
  compliance_auditor: ['self.read', 'users.read', 'audit.read', 'audit.export', 'audit.verify', 'pii.read', 'products.read'],
  school_officer: ['self.read', 'calculator.use'],
  student: ['self.read', 'calculator.use'],
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
