// Who holds a role, for other modules' assignment rules (engagement's task routing and
// escalation). Takes an executor, so it can run inside the caller's transaction.
import type { Executor } from '../../db/database.ts';
import * as repo from './identity.repository.ts';

export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}

/** Active users holding a role, ordered by username. */
export async function activeUsersWithRole(db: Executor, role: string): Promise<StaffMember[]> {
  const { items } = await repo.findUsers(db, { role, status: 'active' }, { limit: 1000, offset: 0 });
  return items.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: [...u.roles],
  }));
}
