// Application scorecard monitoring and PMML import: stability (PSI) of recent applications'
// scores against the development sample, realised default against predicted per grade, for the
// champion and every challenger scored beside it; and import of PMML 4.x scorecards.
import { importPmmlScorecard, PmmlImportError, psiFromShares, type Scaling } from '@bursar/core';
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import * as repo from './risk.repository.ts';
import { importModel, type ModelView } from './risk.service.ts';

export interface PmmlInput {
  pmml: string;
  /** Default: the PMML model's modelName. */
  name?: string | undefined;
  description?: string | undefined;
  scaling?: Scaling | undefined;
}

/** Import a PMML Scorecard as a draft model version; it then goes through the usual approval. */
export async function importPmmlModel(deps: Deps, ctx: ActorContext, input: PmmlInput): Promise<ModelView> {
  let imported;
  try {
    imported = importPmmlScorecard(input.pmml, input.scaling ? { scaling: input.scaling } : {});
  } catch (e) {
    if (e instanceof PmmlImportError) throw Problem.badRequest('pmml', e.message);
    throw e;
  }
  const name =
    input.name ?? imported.modelName?.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  if (!name) throw Problem.badRequest('name', 'the PMML model has no modelName: give a name');
  const codes = Object.entries(imported.reasonCodes).map(([f, c]) => `${f}=${c}`);
  return importModel(deps, ctx, {
    name,
    description:
      input.description ?? `Imported from PMML${codes.length ? ` (reason codes: ${codes.join(', ')})` : ''}`,
    definition: imported.definition,
  });
}

export interface GradeMonitoring {
  grade: string;
  applications: number;
  meanPd: number;
  /** Applications that became loans (the only ones with an outcome). */
  booked: number;
  defaults: number;
  realisedRate: number | null;
}

export interface ModelMonitoring {
  model: { id: string; name: string; version: number; role: string | null; status: string };
  applications: number;
  meanScore: number;
  /** Stability against the development sample (null for imported models, which have none). */
  psi: number | null;
  psiStatus: 'stable' | 'watch' | 'shift' | null;
  grades: GradeMonitoring[];
}

/** Booked loans and whether each ever went into default, by application ref. */
async function outcomesOf(db: Executor, refs: string[]): Promise<Map<string, boolean>> {
  if (!refs.length) return new Map();
  const list = sql.join(
    refs.map((r) => sql`${r}`),
    sql`, `,
  );
  // An analytic read of servicing's (and, once installed, origination's) tables: an application
  // ref is origination's application id, or a loan id / loan number for loans booked elsewhere.
  const [{ has } = { has: false }] = await rowsOf<{ has: boolean }>(
    db,
    sql`select to_regclass('origination_applications') is not null as has`,
  );
  const viaOrigination = has
    ? sql`union all select a.id::text, a.loan_id from origination_applications a
            where a.loan_id is not null and a.id::text in (${list})`
    : sql``;
  const rows = await rowsOf<{ ref: string; defaulted: boolean }>(
    db,
    sql`with booked as (
          select l.id::text as ref, l.id as loan_id from loans l where l.id::text in (${list})
          union all select l.loan_number, l.id from loans l where l.loan_number in (${list})
          ${viaOrigination})
        select b.ref, exists (select 1 from loan_state_history h
                               where h.loan_id = b.loan_id and h.to_state in ('default', 'charged_off')) as defaulted
          from booked b`,
  );
  return new Map(rows.map((r) => [r.ref, r.defaulted]));
}

function psiStatus(psi: number | null): ModelMonitoring['psiStatus'] {
  if (psi === null) return null;
  return psi < 0.1 ? 'stable' : psi < 0.25 ? 'watch' : 'shift';
}

/**
 * Monitor a scorecard by name over stored application scores: the champion and each challenger
 * scored beside it, with PSI against its development sample and realised against predicted
 * default per grade.
 */
export async function monitorScorecard(
  deps: Deps,
  name: string,
  window: { from?: Date | undefined; to?: Date | undefined } = {},
): Promise<{ name: string; models: ModelMonitoring[] }> {
  const db = deps.database.db;
  const rows = await repo.scoresOf(db, { modelName: name, from: window.from, to: window.to });
  const outcomes = await outcomesOf(db, [...new Set(rows.map((r) => r.applicationRef))]);
  const byModel = new Map<string, typeof rows>();
  for (const r of rows) byModel.set(r.modelId, [...(byModel.get(r.modelId) ?? []), r]);
  const models: ModelMonitoring[] = [];
  for (const [modelId, scored] of byModel) {
    const m = (await repo.findModel(db, modelId))!;
    const dist = (m.metrics as { scoreDistribution?: { cuts: number[]; shares: number[] } } | null)
      ?.scoreDistribution;
    let psi: number | null = null;
    if (dist) {
      const counts = new Array<number>(dist.cuts.length + 1).fill(0);
      for (const s of scored) counts[dist.cuts.filter((c) => s.score >= c).length]!++;
      psi = psiFromShares(
        dist.shares,
        counts.map((c) => c / scored.length),
      );
    }
    const grades = new Map<string, { n: number; pd: number; booked: number; defaults: number }>();
    for (const s of scored) {
      const g = grades.get(s.grade) ?? { n: 0, pd: 0, booked: 0, defaults: 0 };
      g.n++;
      g.pd += s.pd;
      const o = outcomes.get(s.applicationRef);
      if (o !== undefined) {
        g.booked++;
        if (o) g.defaults++;
      }
      grades.set(s.grade, g);
    }
    models.push({
      model: { id: m.id, name: m.name, version: m.version, role: m.role, status: m.status },
      applications: scored.length,
      meanScore: scored.reduce((t, s) => t + s.score, 0) / scored.length,
      psi,
      psiStatus: psiStatus(psi),
      grades: [...grades.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([grade, g]) => ({
          grade,
          applications: g.n,
          meanPd: g.pd / g.n,
          booked: g.booked,
          defaults: g.defaults,
          realisedRate: g.booked ? g.defaults / g.booked : null,
        })),
    });
  }
  models.sort((a, b) =>
    a.model.role === 'champion' ? -1 : b.model.role === 'champion' ? 1 : b.model.version - a.model.version,
  );
  return { name, models };
}
