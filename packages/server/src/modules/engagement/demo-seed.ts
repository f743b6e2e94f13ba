// Demo engagement data: built-in templates and journeys (reminders, missed-payment follow-up,
// onboarding and follow-up visits switched on), a few messages in the demo student's inbox and
// on other customers' timelines, an interaction and an assignment rule. Small, so a first start
// stays fast.
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { rowsOf } from '../../db/database.ts';
import { sql } from 'drizzle-orm';
import { installEngagementDefaults } from './defaults.ts';
import { enqueueMessage } from './outbox.service.ts';
import { logInteraction } from './interactions.service.ts';
import { createRule } from './tasks.service.ts';
import * as repo from './engagement.repository.ts';

export const DEMO_ENABLED_JOURNEYS = [
  'repayment-reminder-before',
  'repayment-reminder-after',
  'graduation-onboarding',
  'follow-up-visits',
];

export async function seedDemoEngagement(deps: Deps, opts: { studentCustomerId: string }): Promise<void> {
  await installEngagementDefaults(deps, SYSTEM_ACTOR, { enableJourneys: DEMO_ENABLED_JOURNEYS });
  if ((await repo.listMessages(deps.database.db, {}, 1, 0)).length > 0) return;
  await createRule(deps, SYSTEM_ACTOR, {
    name: 'Collections calls to service agents',
    priority: 10,
    match: { queue: 'collections' },
    assignTo: { role: 'service_agent' },
  });
  await createRule(deps, SYSTEM_ACTOR, {
    name: 'Follow-up visits to loan officers',
    priority: 20,
    match: { queue: 'relationship' },
    assignTo: { role: 'loan_officer' },
  });
  const others = await rowsOf<{ id: string }>(
    deps.database.db,
    sql`select id from customers where id <> ${opts.studentCustomerId}::uuid and status = 'active' order by created_at, id limit 6`,
  );
  const today = deps.now().toISOString().slice(0, 10);
  await deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const src = { kind: 'demo' };
    await enqueueMessage(
      tx,
      deps,
      {
        customerId: opts.studentCustomerId,
        template: 'graduation-congrats',
        channel: 'portal',
        purpose: 'service',
        dedupeKey: 'demo:welcome',
        source: src,
      },
      at,
    );
    await enqueueMessage(
      tx,
      deps,
      {
        customerId: opts.studentCustomerId,
        template: 'repayment-reminder',
        channel: 'portal',
        purpose: 'service',
        dedupeKey: 'demo:reminder',
        values: { 'loan.dueDate': today, 'loan.amountDue': '¥1,250.00' },
        source: src,
      },
      at,
    );
    for (const [i, c] of others.entries()) {
      await enqueueMessage(
        tx,
        deps,
        {
          customerId: c.id,
          template: i % 2 ? 'financial-literacy-1' : 'repayment-reminder',
          purpose: i % 2 ? 'marketing' : 'service',
          dedupeKey: `demo:${i}`,
          values: { 'loan.dueDate': today, 'loan.amountDue': '¥980.00' },
          source: src,
        },
        at,
      );
    }
  });
  if (others[0]) {
    await logInteraction(deps, { ...SYSTEM_ACTOR, actorName: 'Lina Loan Officer' }, null, {
      customerId: others[0].id,
      kind: 'campus_event',
      subject: '助学贷款宣讲会 Student loan info session',
      notes: 'Asked about grace period and deferment while studying abroad.',
      outcome: 'follow_up_needed',
      nextStep: 'Send deferment FAQ 发送延期还款说明',
      nextStepDue: today,
      nextStepAssigneeId: null,
    });
  }
}
