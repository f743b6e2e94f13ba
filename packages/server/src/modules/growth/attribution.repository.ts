// Read model for attribution and A/B results: reads, set-based and read-only, the facts other
// modules own (engagement's campaign messages, origination's applications and disbursements,
// servicing's loans) alongside growth's own touches and prospects — the analytic-read route of
// ADR 0010 (see docs/adr/0011). Nothing here writes.
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';

export interface TouchRow {
  campaign_id: string;
  customer_id: string;
  kind: 'delivery' | 'click' | 'landing' | 'prospect' | 'application';
  at: Date | string;
}

/** Every campaign touch of a known customer at or after `since`. */
export function touchesSince(db: Executor, since: Date, until: Date): Promise<TouchRow[]> {
  return rowsOf<TouchRow>(
    db,
    sql`
      select m.source_id as campaign_id, m.customer_id::text as customer_id, 'delivery' as kind,
             coalesce(m.delivered_at, m.sent_at) as at
        from engagement_messages m
       where m.source_kind = 'campaign' and coalesce(m.delivered_at, m.sent_at) between ${since} and ${until}
      union all
      select m.source_id, m.customer_id::text, 'click', m.clicked_at
        from engagement_messages m
       where m.source_kind = 'campaign' and m.clicked_at between ${since} and ${until}
      union all
      select t.campaign_id::text, t.customer_id::text, t.kind, t.occurred_at
        from growth_campaign_touches t
       where t.customer_id is not null and t.occurred_at between ${since} and ${until}
      union all
      select tc.campaign_id::text, p.customer_id::text, 'prospect', p.created_at
        from growth_prospects p
        join growth_campaign_tracking_codes tc on tc.code = p.tracking_code
       where p.customer_id is not null and p.created_at between ${since} and ${until}`,
  );
}

export interface ConversionRow {
  application_id: string;
  customer_id: string;
  at: Date | string;
  disbursed: string | number;
}

/**
 * Applications submitted in [from, to], with what was disbursed on them: posted tranches, or
 * the linked loan's disbursed amount when the tranches were booked straight in servicing.
 */
export function conversionsBetween(db: Executor, from: Date, to: Date): Promise<ConversionRow[]> {
  return rowsOf<ConversionRow>(
    db,
    sql`
      select a.id::text as application_id, a.customer_id::text as customer_id, a.submitted_at as at,
             coalesce(nullif(d.amount, 0), l.disbursed, 0)::text as disbursed
        from origination_applications a
        left join lateral (
          select sum(x.amount) as amount from origination_disbursements x
           where x.application_id = a.id and x.status = 'posted') d on true
        left join loans l on l.id = a.loan_id
       where a.submitted_at between ${from} and ${to}`,
  );
}

export interface ArmRow {
  arm: string;
  n: number;
  applied: number;
  responded: number;
}

/**
 * Per arm of a campaign: customers assigned, those who applied within the lookback after their
 * assignment, and those who responded (clicked a campaign message, landed or applied with its code).
 */
export function armOutcomes(db: Executor, campaignId: string, lookbackDays: number): Promise<ArmRow[]> {
  return rowsOf<ArmRow>(
    db,
    sql`
      with a as (
        select g.arm, g.customer_id, g.assigned_at,
               g.assigned_at + make_interval(days => ${lookbackDays}::int) as until,
               exists (select 1 from origination_applications o
                        where o.customer_id = g.customer_id
                          and o.submitted_at between g.assigned_at and g.assigned_at + make_interval(days => ${lookbackDays}::int)) as applied
          from growth_campaign_assignments g
         where g.campaign_id = ${campaignId}::uuid)
      select a.arm, count(*)::int as n,
             count(*) filter (where a.applied)::int as applied,
             count(*) filter (where a.applied
               or exists (select 1 from growth_campaign_touches t
                           where t.campaign_id = ${campaignId}::uuid and t.customer_id = a.customer_id
                             and t.occurred_at between a.assigned_at and a.until)
               or exists (select 1 from engagement_messages m
                           where m.customer_id = a.customer_id and m.source_kind = 'campaign'
                             and m.source_id = ${campaignId} and m.clicked_at between a.assigned_at and a.until))::int as responded
        from a group by a.arm order by a.arm`,
  );
}

/** Messages a campaign wrote, by channel and status. */
export function campaignMessageCounts(
  db: Executor,
  campaignId: string,
): Promise<{ channel: string; status: string; n: number; clicked: number }[]> {
  return rowsOf(
    db,
    sql`select channel, status, count(*)::int as n, count(clicked_at)::int as clicked
          from engagement_messages where source_kind = 'campaign' and source_id = ${campaignId}
         group by channel, status order by channel, status`,
  );
}
