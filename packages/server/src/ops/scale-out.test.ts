// The Citus model of docs/scale-out.md, checked against the migrated database: every table is
// either distributed by customer (it carries `customer_id`; `customers` by its `id`), or listed
// below as a reference table, a local (coordinator) table, or a customer-owned child table that
// lacks the column (the colocation gap, with its join path). A new table fails this test until it
// is classified. The hot queries of a customer's pages filter by the customer id (single shard).
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import type { Executor } from '../db/database.ts';
import * as schema from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { DEMO_PASSWORD, session, testApp } from '../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../test/test-deps.ts';

/** Replicated to every worker (create_reference_table): small, read by every shard's joins. */
export const REFERENCE_TABLES: Record<string, string> = {
  schools: 'school catalogue, joined to enrolments and applications',
  programmes: 'programmes of schools',
  product_versions: 'loan product definitions, read by every loan',
  gl_accounts: 'chart of accounts of the ledger',
  benchmark_rates: 'published benchmark rates (LPR) every loan reprices from',
  segments: 'segment definitions (members are per customer)',
  engagement_templates: 'message templates',
  engagement_journeys: 'journey definitions',
  engagement_assignment_rules: 'task routing rules',
  desk_sla_policies: 'SLA policy per category',
  desk_canned_replies: 'reply library',
  desk_kb_articles: 'knowledge base',
  desk_kb_article_versions: 'knowledge base history',
  survey_surveys: 'survey definitions',
  survey_versions: 'survey questionnaires',
  risk_scorecard_models: 'scorecards',
  risk_settings: 'risk thresholds',
  risk_alert_rules: 'early-warning rules',
  risk_portfolio_settings: 'portfolio settings',
  risk_macro_series: 'macro-economic series',
  users: 'staff and portal accounts (carry a customer_id for students, but are read on every request)',
  compliance_disclosure_templates: 'disclosure templates',
  compliance_training_courses: 'training courses',
  retention_rules: 'retention schedule',
  sanctions_list_versions: 'sanctions list versions',
  sanctions_entries: 'sanctions list entries, screened against every customer',
  growth_campaigns: 'campaign definitions',
  growth_campaign_variants: 'campaign variants',
  growth_campaign_tracking_codes: 'campaign tracking codes',
  growth_campus_events: 'campus events',
  analytics_settings: 'analytics settings',
  data_region: 'the database’s declared data region',
};

/** Kept on the coordinator: operations, staff work and whole-book aggregates, not joined per customer. */
export const LOCAL_TABLES: Record<string, string> = {
  audit_events: 'one hash chain over the whole system (ADR 0002)',
  sessions: 'API sessions, looked up by token hash on every request',
  cob_runs: 'close-of-business checkpoints, one per business date',
  servicing_state: 'the open business date',
  customer_import_jobs: 'import job progress',
  customer_merges: 'merge log between two customers (both ids)',
  segment_snapshots: 'segment snapshot headers',
  engagement_cursors: 'event-source cursors',
  engagement_message_batches: 'bulk message batches',
  survey_waves: 'survey waves',
  survey_actions: 'survey improvement actions',
  survey_report_schedules: 'report schedules',
  desk_agents: 'service-desk agents',
  desk_improvement_actions: 'service-desk improvements',
  risk_alert_runs: 'early-warning run log',
  risk_behaviour_reviews: 'behavioural review run log',
  risk_register_risks: 'operational risk register',
  risk_register_controls: 'risk register controls',
  risk_register_kris: 'risk register indicators',
  risk_incidents: 'operational incidents',
  risk_application_scores: 'scores by application model (aggregate)',
  bureau_runs: 'credit bureau furnishing runs',
  regulator_report_runs: 'regulator report runs',
  regulator_report_files: 'regulator extracts (encrypted)',
  retention_runs: 'retention runs',
  retention_run_items: 'retention run items',
  compliance_fair_lending_runs: 'fair lending analyses',
  compliance_findings: 'compliance findings',
  compliance_review_samples: 'four-eyes review samples',
  compliance_review_items: 'review items (audit event references)',
  compliance_training_attempts: 'staff training',
  sanctions_rescreens: 'sanctions rescreen runs',
  growth_campaign_costs: 'campaign costs',
  growth_referrals: 'referrals (referrer customer id: see gap)',
  growth_referral_rewards: 'referral rewards (referrer customer id: see gap)',
  growth_event_attendance: 'prospect attendance',
  growth_prospect_activity: 'prospect activity (prospects are pre-customer)',
  analytics_book_summary: 'whole-book aggregates',
  analytics_cohort_summary: 'whole-book aggregates',
  analytics_origination_summary: 'whole-book aggregates',
  analytics_school_enrolments: 'whole-book aggregates',
  analytics_refreshes: 'analytics refresh log',
  analytics_report_schedules: 'report schedules',
  analytics_report_deliveries: 'report deliveries',
};

/** Customer-owned rows without a customer_id column: reached through a parent (the join path). */
export const COLOCATION_GAP: Record<string, string> = {
  loan_bills: 'loan_id → loans.customer_id',
  loan_schedules: 'loan_id → loans.customer_id',
  loan_state_history: 'loan_id → loans.customer_id',
  loan_disbursements: 'loan_id → loans.customer_id',
  loan_rate_changes: 'loan_id → loans.customer_id',
  journals: 'loan_id → loans.customer_id (book-level journals have none)',
  journal_lines: 'journal_id → journals.loan_id → loans.customer_id',
  hardship_requests: 'loan_id → loans.customer_id',
  collection_actions: 'loan_id → loans.customer_id',
  income_recertifications: 'loan_id → loans.customer_id',
  legal_cases: 'loan_id → loans.customer_id',
  legal_case_documents: 'case_id → legal_cases.loan_id → loans.customer_id',
  suspense_items: 'payment_id → payments.customer_id (unmatched money has no customer yet)',
  enrolment_status_history: 'enrolment_id → enrolments.customer_id',
  term_results: 'enrolment_id → enrolments.customer_id',
  origination_contracts: 'application_id → origination_applications.customer_id',
  origination_decisions: 'application_id → origination_applications.customer_id',
  origination_disbursements: 'application_id → origination_applications.customer_id',
  origination_documents: 'application_id → origination_applications.customer_id',
  origination_offers: 'application_id → origination_applications.customer_id',
  origination_signatures: 'contract_id → origination_contracts.application_id → …',
  origination_signing_codes: 'contract_id → origination_contracts.application_id → …',
  desk_ticket_entries: 'ticket_id → desk_tickets.customer_id',
  desk_ticket_status_history: 'ticket_id → desk_tickets.customer_id',
  desk_attachments: 'ticket_id → desk_tickets.customer_id',
  engagement_message_events: 'message_id → engagement_messages.customer_id',
  risk_alert_tasks: 'alert_id → risk_alerts.customer_id',
  sar_evidence: 'case_id → sar_cases.customer_id',
};

let deps: TestDeps;
const tables = new Map<string, string[]>();

beforeAll(async () => {
  deps = await openTestDeps();
  const rows = await deps.database.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' order by 1`,
  );
  for (const r of rows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.column_name]);
}, 120_000);
afterAll(async () => {
  await deps?.dispose();
});

const distributed = (t: string) =>
  t === 'customers' || (tables.get(t)?.includes('customer_id') && !REFERENCE_TABLES[t]);

describe('Citus model: tables distributed by customer id', () => {
  it('classifies every table of the migrated database', () => {
    expect(tables.size).toBeGreaterThan(50);
    const lists = [REFERENCE_TABLES, LOCAL_TABLES, COLOCATION_GAP];
    const unclassified = [...tables.keys()].filter(
      (t) => !distributed(t) && !lists.some((l) => l[t] !== undefined),
    );
    expect(unclassified, 'classify these in ops/scale-out.test.ts and docs/scale-out.md').toEqual([]);
    // No table in two places, and a listed local or gap table that gains customer_id moves to distributed.
    const twice = Object.keys(LOCAL_TABLES).filter((t) => REFERENCE_TABLES[t] || COLOCATION_GAP[t]);
    expect(twice).toEqual([]);
    const nowDistributable = [...Object.keys(LOCAL_TABLES), ...Object.keys(COLOCATION_GAP)].filter((t) =>
      tables.get(t)?.includes('customer_id'),
    );
    expect(nowDistributable, 'these carry customer_id now: drop them from the lists').toEqual([]);
  });
});

describe('hot queries stay on one shard', () => {
  it(
    'filters every statement on a distributed table of a customer’s pages by the customer id',
    { timeout: 600_000 },
    async () => {
      await seedTestDemo(deps);
      const statements: string[] = [];
      const logger = { logQuery: (q: string) => statements.push(q) };
      const client = (deps.database.db as unknown as { $client: never }).$client;
      const db = (deps.database.kind === 'postgres'
        ? drizzlePg(client, { schema, logger })
        : drizzlePglite(client, { schema, logger })) as unknown as Executor;
      const logged: Deps = { ...deps, database: { ...deps.database, db } };
      const [c] = await deps.database.query<{ id: string }>(
        `select c.id::text from customers c where exists (select 1 from loans l where l.customer_id = c.id)
         and exists (select 1 from desk_tickets t where t.customer_id = c.id) limit 1`,
      );
      expect(c).toBeDefined();
      const { app } = await testApp(logged);
      const manager = session(app);
      expect((await manager.login('manager', DEMO_PASSWORD)).statusCode).toBe(200);
      const get = (url: string) => async () => {
        const res = await manager.request('GET', url);
        expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
      };
      // The calls of a staff customer page (customer 360), and the customer's loans and tickets.
      const hot: [string, () => Promise<unknown>][] = [
        ['customer 360', get(`/api/v1/customers/${c!.id}`)],
        ['customer timeline', get(`/api/v1/customers/${c!.id}/timeline`)],
        ['loans of a customer', get(`/api/v1/loans?customerId=${c!.id}`)],
        ['tickets of a customer', get(`/api/v1/service-desk/tickets?customerId=${c!.id}`)],
      ];
      const offShard: string[] = [];
      const gap = new Set<string>();
      for (const [name, run] of hot) {
        statements.length = 0;
        await run();
        expect(statements.length, name).toBeGreaterThan(0);
        for (const text of statements) {
          const touched = [...text.matchAll(/\b(?:from|join|update|into)\s+"?([a-z_][a-z0-9_]*)"?/gi)].map(
            (m) => m[1]!.toLowerCase(),
          );
          for (const t of touched.filter((t) => COLOCATION_GAP[t])) gap.add(`${name}: ${t}`);
          if (!touched.some(distributed)) continue;
          if (!/customer_id|"customers"\."id"|customers\.id/i.test(text))
            offShard.push(`${name}: ${text.slice(0, 200)}`);
        }
      }
      await app.close();
      expect(offShard).toEqual([]);
      // The gap tables these pages read (by parent id) are the ones docs/scale-out.md lists.
      for (const g of gap) expect(COLOCATION_GAP[g.split(': ')[1]!]).toBeDefined();
    },
  );
});

describe('read replica setting', () => {
  it('parses DATABASE_READ_URL and leaves it unset by default', () => {
    expect(loadConfig({}).databaseReadUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_READ_URL: 'postgres://reader@replica:5432/bursar' }).databaseReadUrl).toBe(
      'postgres://reader@replica:5432/bursar',
    );
    expect(() => loadConfig({ DATABASE_READ_URL: 'not a url' })).toThrow(/DATABASE_READ_URL/);
  });
});
