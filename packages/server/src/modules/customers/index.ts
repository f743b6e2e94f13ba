// Public surface of the customers module: other modules use customers only through this file.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { customerRoutes } from './customers.routes.ts';
import { segmentRoutes } from './segments.routes.ts';

export {
  publishTimelineEvent,
  onEnrolmentEvent,
  registerRetentionCheck,
  type TimelineEventInput,
  type EnrolmentEvent,
  type RetentionCheck,
} from './customers.service.ts';
export { loadSchoolCatalogue, getSchool, listSchools } from './schools.service.ts';
// Growth: prospects match existing customers with the same blind indexes.
export { customersMatchingContact } from './duplicates.service.ts';
export { nationalIdHash, phoneHash, protectPhone, protectNationalId, shown, maskName } from './pii.ts';
// Origination: a student registering in the portal becomes a (prospect) customer.
export { createCustomer } from './customers.service.ts';
// Compliance: data-subject export and anonymisation (retention schedule, data-subject requests).
export {
  exportCustomerData,
  anonymiseCustomerWithin,
  closedCustomersBefore,
  lockCustomerForErasure,
} from './customers.service.ts';
export { importCustomersFromFile, loadSchoolsCli } from './customers.cli.ts';
// Bulk and analytic entry points (CLI, jobs, benchmarks).
export { importCustomerRecords, IMPORT_COLUMNS, type ImportSummary } from './import.service.ts';
export { countRule, countSegment, createSegment } from './segments.service.ts';
export { seedDemoCustomers, demoCustomerCount, type DemoCustomers } from './demo-seed.ts';
// Contact details, consent and tasks for engagement (messages, journeys, staff tasks).
export {
  customerContacts,
  currentConsents,
  assertCustomerVisible,
  recordConsentWithin,
  createTaskWithin,
  reassignTaskWithin,
  findTask,
  listTasksAcross,
  customersGraduatingBetween,
  customersWithBirthdayOn,
  segmentMemberIds,
  replaceTagGroupWithin,
  type CustomerContact,
  type OutreachTask,
} from './outreach.service.ts';
export type { TaskFilter } from './outreach.repository.ts';
// Fair-lending monitoring (compliance) compares approval rates by these, outside the decision path.
export { protectedAttributesOf, type ProtectedAttributes } from './protected-attributes.service.ts';
// Credit-bureau furnishing (compliance): the identity a bureau matches a borrower on.
export { creditIdentities, type CreditIdentity } from './credit-identity.read.ts';

/** Every customers-module route (customers, schools, segments, imports, duplicates). */
export const customersRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(customerRoutes, { deps });
  await app.register(segmentRoutes, { deps });
};
