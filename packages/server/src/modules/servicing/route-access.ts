// Which loans a request may reach: students only their own customer's; everyone else with the
// route's permission sees the book.
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../http/guard.ts';
import type { LoanAccess } from './loans.service.ts';

export function accessOf(request: FastifyRequest): LoanAccess {
  const a = actorOf(request);
  const studentOnly = a.roles.length > 0 && a.roles.every((r) => r === 'student');
  return { ownCustomerOnly: studentOnly, customerId: a.customerId };
}
