import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, can, permissionsOf } from './permissions.ts';

describe('permission matrix', () => {
  it('grants admin everything and students nothing of staff', () => {
    for (const p of PERMISSIONS) expect(can(['admin'], p)).toBe(true);
    expect(can(['student'], 'users.read')).toBe(false);
    expect(can(['student'], 'pii.read')).toBe(false);
    expect(can(['student'], 'audit.read')).toBe(false);
  });
  it('only names known permissions and every role can see itself', () => {
    for (const r of ROLES) {
      for (const p of ROLE_PERMISSIONS[r]) expect(PERMISSIONS).toContain(p);
      expect(can([r], 'self.read')).toBe(true);
    }
  });
  it('unions the permissions of several roles', () => {
    const set = permissionsOf(['service_agent', 'compliance_auditor']);
    expect(set.has('audit.verify')).toBe(true);
    expect(set.has('users.manage')).toBe(false);
  });
});
