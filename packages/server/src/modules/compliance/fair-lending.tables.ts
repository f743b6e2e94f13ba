// Fair-lending monitoring runs: approval rates by protected group over a period's final credit
// decisions, each stored with its full result so a run can be shown exactly as it was.
import { date, integer, jsonb, pgTable, text, uuid, index } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.ts';

export const complianceFairLendingRuns = pgTable(
  'compliance_fair_lending_runs',
  {
    id: uuid('id').primaryKey(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    trigger: text('trigger', { enum: ['job', 'manual'] }).notNull(),
    /** Groups smaller than this are reported but not tested. */
    minGroupSize: integer('min_group_size').notNull(),
    /** Four-fifths rule threshold in per cent (80). */
    thresholdPercent: integer('threshold_percent').notNull(),
    decisions: integer('decisions').notNull(),
    /** Per attribute: groups with counts, approval rate, adverse-impact ratio, z, p, flags. */
    results: jsonb('results').notNull(),
    flagged: integer('flagged').notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('compliance_fair_lending_runs_created').on(t.createdAt)],
);
