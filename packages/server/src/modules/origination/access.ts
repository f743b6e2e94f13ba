// Who may see which application: staff with applications.read see all; a student only their own
// customer's; a school officer only applicants to their own school (for enrolment confirmation).
// Anything else is 404, never 403, so an id does not confirm that an application exists.
import type { Executor } from '../../db/database.ts';
import { Problem } from '../../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './origination.repository.ts';
import type { ApplicationRow } from './origination.repository.ts';

export type Viewer = 'staff' | 'student' | 'school';

export function viewerOf(actor: Actor): Viewer {
  if (actor.permissions.has('applications.read')) return 'staff';
  if (actor.roles.includes('school_officer')) return 'school';
  return 'student';
}

export function mayView(actor: Actor, row: ApplicationRow): boolean {
  const v = viewerOf(actor);
  if (v === 'staff') return true;
  if (v === 'school') return !!actor.schoolId && row.schoolId === actor.schoolId && row.status !== 'draft';
  return !!actor.customerId && row.customerId === actor.customerId;
}

export async function visibleApplication(
  db: Executor,
  actor: Actor,
  id: string,
  lock = false,
): Promise<ApplicationRow> {
  const row = await repo.findApplication(db, id, lock);
  if (!row || !mayView(actor, row)) throw Problem.notFound('Application');
  return row;
}

/** The applicant themself, or staff who may enter applications on their behalf. */
export function assertMayEdit(actor: Actor, row: ApplicationRow): void {
  const own = !!actor.customerId && row.customerId === actor.customerId;
  if (!own && !actor.permissions.has('applications.manage')) throw Problem.notFound('Application');
}
