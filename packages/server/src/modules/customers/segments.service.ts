// Saved segments: rule trees compiled to one SQL query (segments.compiler.ts), live counts,
// dated membership snapshots and CSV export that masks personal data unless revealed.
import { randomUUID } from 'node:crypto';
import { SEGMENT_FIELDS, OPERATORS_BY_TYPE, csvLine, type SegmentRule } from '@bursar/core';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './customers.repository.ts';
import type * as S from './customers.schema.ts';
import { auditPiiRead, today } from './customers.service.ts';
import { compileRule, countQuery, fromClause, LIVE, memberIdsQuery } from './segments.compiler.ts';
import { shown, shownEmail } from './pii.ts';

function segmentView(s: repo.SegmentRow): z.infer<typeof S.segmentView> {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    rule: s.rule,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

function snapshotView(s: repo.SnapshotRow): z.infer<typeof S.snapshotView> {
  return {
    id: s.id,
    segmentId: s.segmentId,
    takenAt: s.takenAt.toISOString(),
    memberCount: s.memberCount,
    takenBy: s.takenBy,
  };
}

/** The field catalogue for the segment builder: names, types, allowed values and operators. */
export function segmentFields() {
  return Object.entries(SEGMENT_FIELDS).map(([name, f]) => ({
    name,
    type: f.type,
    label: f.label,
    values: 'values' in f ? [...f.values] : null,
    operators: [...OPERATORS_BY_TYPE[f.type]],
  }));
}

export async function countRule(deps: Deps, rule: SegmentRule): Promise<{ count: number; tookMs: number }> {
  const t0 = performance.now();
  const [r] = await rowsOf<{ n: number }>(deps.database.db, countQuery(rule, today(deps)));
  return { count: Number(r?.n ?? 0), tookMs: Math.round((performance.now() - t0) * 10) / 10 };
}

async function mustFind(deps: Deps, id: string): Promise<repo.SegmentRow> {
  const s = await repo.findSegment(deps.database.db, id);
  if (!s) throw Problem.notFound('Segment');
  return s;
}

export async function listSegments(deps: Deps) {
  return (await repo.listSegments(deps.database.db)).map(segmentView);
}

export async function getSegment(deps: Deps, id: string) {
  return segmentView(await mustFind(deps, id));
}

export async function createSegment(deps: Deps, ctx: ActorContext, input: z.infer<typeof S.segmentBody>) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.insertSegment(tx, {
      id: randomUUID(),
      name: input.name,
      description: input.description ?? null,
      rule: input.rule,
      createdBy: ctx.actorName,
      createdAt: at,
      updatedAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'segment.created',
      entityType: 'segment',
      entityId: row.id,
      after: { name: row.name, rule: row.rule },
    });
    return segmentView(row);
  });
}

export async function updateSegment(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: z.infer<typeof S.segmentPatch>,
) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.findSegment(tx, id);
    if (!before) throw Problem.notFound('Segment');
    const after = await repo.updateSegment(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.rule !== undefined ? { rule: input.rule } : {}),
      updatedAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'segment.updated',
      entityType: 'segment',
      entityId: id,
      before: { name: before.name, rule: before.rule },
      after: { name: after.name, rule: after.rule },
    });
    return segmentView(after);
  });
}

export async function deleteSegment(deps: Deps, ctx: ActorContext, id: string): Promise<void> {
  const at = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const before = await repo.findSegment(tx, id);
    if (!before) throw Problem.notFound('Segment');
    await repo.deleteSegment(tx, id);
    await recordAudit(tx, ctx, at, {
      action: 'segment.deleted',
      entityType: 'segment',
      entityId: id,
      before: { name: before.name, rule: before.rule },
    });
  });
}

export async function countSegment(deps: Deps, id: string) {
  return countRule(deps, (await mustFind(deps, id)).rule as SegmentRule);
}

/** Take a dated membership snapshot: one INSERT … SELECT over the compiled rule. */
export async function snapshotSegment(deps: Deps, ctx: ActorContext, id: string) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const seg = await repo.findSegment(tx, id);
    if (!seg) throw Problem.notFound('Segment');
    const snap = await repo.insertSnapshot(tx, {
      id: randomUUID(),
      segmentId: id,
      takenAt: at,
      memberCount: 0,
      rule: seg.rule,
      takenBy: ctx.actorName,
    });
    const members = memberIdsQuery(seg.rule as SegmentRule, at.toISOString().slice(0, 10));
    await tx.execute(
      sql`insert into segment_members (snapshot_id, customer_id) select ${snap.id}::uuid, m.id from (${members}) m`,
    );
    const [c] = await rowsOf<{ n: number }>(
      tx,
      sql`select count(*)::int as n from segment_members where snapshot_id = ${snap.id}::uuid`,
    );
    const done = await repo.setSnapshotCount(tx, snap.id, Number(c?.n ?? 0));
    await recordAudit(tx, ctx, at, {
      action: 'segment.snapshot_taken',
      entityType: 'segment',
      entityId: id,
      after: { snapshotId: snap.id, memberCount: done.memberCount },
    });
    return snapshotView(done);
  });
}

export async function listSnapshots(deps: Deps, id: string) {
  await mustFind(deps, id);
  return (await repo.listSnapshots(deps.database.db, id)).map(snapshotView);
}

/** A condition on `customers` keeping the live members of a segment (for the customer list). */
export async function segmentMembershipCondition(deps: Deps, segmentId: string): Promise<SQL> {
  const seg = await mustFind(deps, segmentId);
  return sql`customers.id in (${memberIdsQuery(seg.rule as SegmentRule, today(deps))})`;
}

const EXPORT_COLUMNS = [
  'id',
  'externalRef',
  'legalName',
  'preferredName',
  'dateOfBirth',
  'gender',
  'nationalId',
  'phone',
  'email',
  'city',
  'region',
  'country',
  'school',
  'level',
  'enrolmentStatus',
  'educationLevel',
  'economicStatus',
  'creditRecord',
  'loanNeed',
  'tags',
] as const;

interface ExportRow extends Record<string, unknown> {
  id: string;
  external_ref: string | null;
  legal_name: string;
  preferred_name: string | null;
  date_of_birth: string | Date | null;
  gender: string | null;
  national_id_enc: string | null;
  phone_enc: string | null;
  email: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  school: string | null;
  level: string | null;
  enrolment_status: string | null;
  class_education_level: string | null;
  class_economic_status: string | null;
  class_credit_record: string | null;
  class_loan_need: string | null;
  tags: string[];
}

function isoDay(v: string | Date | null): string | null {
  if (v === null) return null;
  return typeof v === 'string' ? v : v.toISOString().slice(0, 10);
}

export interface SegmentExportOptions {
  reveal: boolean;
  snapshotId?: string | undefined;
}

/** A segment's members as CSV text, a page of lines at a time. */
export async function* exportSegmentCsv(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  opts: SegmentExportOptions,
): AsyncGenerator<string> {
  for await (const page of exportSegmentPages(deps, ctx, actor, id, opts)) yield page.map(csvLine).join('');
}

/** A segment's members as spreadsheet rows, one at a time (header first). */
export async function* exportSegmentRows(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  opts: SegmentExportOptions,
): AsyncGenerator<(string | null)[]> {
  for await (const page of exportSegmentPages(deps, ctx, actor, id, opts)) yield* page;
}

/**
 * Export a segment's members (live, or a snapshot's), page by page on the primary key; the first
 * page is the header. Identifiers are masked unless `reveal` (needs pii.read; the export is
 * audited either way).
 */
async function* exportSegmentPages(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  opts: SegmentExportOptions,
): AsyncGenerator<(string | null)[][]> {
  const seg = await mustFind(deps, id);
  if (opts.reveal && !actor.permissions.has('pii.read'))
    throw Problem.forbidden('An unmasked export needs the pii.read permission');
  let filter: SQL;
  if (opts.snapshotId) {
    if (!(await repo.findSnapshot(deps.database.db, id, opts.snapshotId))) throw Problem.notFound('Snapshot');
    filter = sql`c.id in (select customer_id from segment_members where snapshot_id = ${opts.snapshotId}::uuid)`;
  } else {
    const compiled = compileRule(seg.rule as SegmentRule, today(deps));
    filter = sql`${LIVE} and coalesce(${compiled.where}, false)`;
    filter = sql`c.id in (select c.id from ${fromClause(compiled.joins)} where ${filter})`;
  }
  await deps.database.db.transaction((tx) =>
    recordAudit(tx, ctx, deps.now(), {
      action: 'segment.exported',
      entityType: 'segment',
      entityId: id,
      after: { snapshotId: opts.snapshotId ?? null, revealed: opts.reveal },
    }),
  );
  if (opts.reveal) await auditPiiRead(deps, ctx, id, `segment export ${seg.name}`);
  yield [[...EXPORT_COLUMNS]];
  let last = '00000000-0000-0000-0000-000000000000';
  const pageSize = 2000;
  for (;;) {
    const rows = await rowsOf<ExportRow>(
      deps.database.db,
      sql`select c.id, c.external_ref, c.legal_name, c.preferred_name, c.date_of_birth, c.gender, c.national_id_enc, c.phone_enc, c.email,
                 c.city, c.region, c.country, s.name as school, e.level, e.status as enrolment_status,
                 c.class_education_level, c.class_economic_status, c.class_credit_record, c.class_loan_need, c.tags
          from customers c
          left join enrolments e on e.customer_id = c.id and e.is_current
          left join schools s on s.id = e.school_id
          where ${filter} and c.id > ${last}::uuid
          order by c.id limit ${pageSize}`,
    );
    const page = rows.map((r) => [
      r.id,
      r.external_ref,
      r.legal_name,
      r.preferred_name,
      isoDay(r.date_of_birth),
      r.gender,
      shown(deps.cipher, r.national_id_enc, 'nationalId', opts.reveal),
      shown(deps.cipher, r.phone_enc, 'phone', opts.reveal),
      shownEmail(r.email, opts.reveal),
      r.city,
      r.region,
      r.country,
      r.school,
      r.level,
      r.enrolment_status,
      r.class_education_level,
      r.class_economic_status,
      r.class_credit_record,
      r.class_loan_need,
      r.tags.join(';'),
    ]);
    if (page.length > 0) yield page;
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1]!.id;
  }
}
