// A wave's results: response rate, per item and dimension figures, CSAT, NPS, reliability,
// cross-tabs by segment with tests, drivers, themes and the change against an earlier wave.
// Every figure comes from core's statistics; this file only gathers the answers.
import {
  allQuestions,
  chiSquareTest,
  cronbachAlpha,
  csat,
  dimensionScores,
  driverAnalysis,
  nps,
  npsChange,
  proportionChange,
  questionByRole,
  scaleOf,
  summarize,
  themesOf,
  welchTTest,
  type Answers,
  type Bilingual,
  type ChiSquare,
  type Nps,
  type Proportion,
  type Summary,
  type SurveyDefinition,
  type Theme,
  type TTest,
  type ZTest,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import * as repo from './surveys.repository.ts';
import { SEGMENT_FIELDS, type Attributes, type SegmentField } from './waves.service.ts';

type ResponseData = Awaited<ReturnType<typeof repo.completedResponses>>[number];

export interface QuestionFigures {
  id: string;
  type: string;
  text: Bilingual;
  dimension: string | null;
  summary: Summary | null;
  csat: Proportion | null;
  options: { value: string; label: Bilingual; count: number; share: number }[] | null;
  answered: number;
}

export interface DimensionFigures {
  code: string;
  name: Bilingual;
  summary: Summary;
  csat: Proportion;
  alpha: number | null;
}

export interface CrossTab {
  field: SegmentField;
  groups: { value: string; n: number; overall: Summary; csat: Proportion; nps: Nps; vsRest: TTest | null }[];
  /** Group × (dissatisfied 1–2 / neutral 3 / satisfied 4–5) of overall satisfaction. */
  chiSquare: ChiSquare | null;
}

export interface WaveComparison {
  baseline: { id: string; code: string; name: string; n: number };
  current: { id: string; code: string; name: string; n: number };
  overall: { before: number | null; after: number | null; test: TTest | null };
  dimensions: {
    code: string;
    name: Bilingual;
    before: number | null;
    after: number | null;
    test: TTest | null;
  }[];
  csat: { before: number | null; after: number | null; difference: number; pValue: number } | null;
  nps: { before: number | null; after: number | null; test: ZTest | null };
}

export interface WaveReport {
  wave: { id: string; code: string; name: string; status: string; surveyName: Bilingual; version: number };
  generatedAt: string;
  responseRate: { invited: number; completed: number; rate: number | null; byMode: Record<string, number> };
  overall: { summary: Summary; csat: Proportion } | null;
  nps: Nps | null;
  dimensions: DimensionFigures[];
  questions: QuestionFigures[];
  drivers: {
    n: number;
    rSquared: number | null;
    drivers: {
      code: string;
      name: Bilingual;
      correlation: number | null;
      beta: number | null;
      mean: number | null;
    }[];
  };
  crossTabs: CrossTab[];
  themes: Theme[];
  followUps: { opened: number; closed: number };
  change: WaveComparison | null;
}

const numbersOf = (rows: ResponseData[], id: string) =>
  rows.map((r) => (r.answers as Answers)[id]).filter((v): v is number => typeof v === 'number');

async function waveBundle(db: Executor, waveId: string) {
  const wave = await repo.findWave(db, waveId);
  if (!wave) throw Problem.notFound('Wave');
  const version = (await repo.findVersion(db, wave.versionId))!;
  const survey = (await repo.findSurvey(db, wave.surveyId))!;
  const rows = await repo.completedResponses(db, [waveId]);
  return { wave, version, survey, def: version.definition as SurveyDefinition, rows };
}

function questionFigures(def: SurveyDefinition, rows: ResponseData[]): QuestionFigures[] {
  return allQuestions(def).map((q) => {
    const scale = scaleOf(q);
    const raw = rows.map((r) => (r.answers as Answers)[q.id]).filter((v) => v !== undefined);
    const nums = raw.filter((v): v is number => typeof v === 'number');
    let options: QuestionFigures['options'] = null;
    if (q.options) {
      options = q.options.map((o) => {
        const count = raw.filter((v) => v === o.value || (Array.isArray(v) && v.includes(o.value))).length;
        return { value: o.value, label: o.label, count, share: raw.length ? count / raw.length : 0 };
      });
    }
    return {
      id: q.id,
      type: q.type,
      text: q.text,
      dimension: q.dimension ?? null,
      summary: scale ? summarize(nums, scale) : null,
      csat: q.type === 'likert' ? csat(nums) : null,
      options,
      answered: raw.length,
    };
  });
}

function dimensionFigures(def: SurveyDefinition, rows: ResponseData[]): DimensionFigures[] {
  const items = allQuestions(def);
  return def.dimensions.map((d) => {
    const ids = items.filter((q) => q.dimension === d.code).map((q) => q.id);
    // Every item answer of the dimension counts in its distribution and CSAT; the mean is over answers.
    const values = rows.flatMap((r) =>
      ids.map((id) => (r.answers as Answers)[id]).filter((v): v is number => typeof v === 'number'),
    );
    const alpha = cronbachAlpha(
      rows.map((r) =>
        ids.map((id) => {
          const v = (r.answers as Answers)[id];
          return typeof v === 'number' ? v : null;
        }),
      ),
    ).alpha;
    return {
      code: d.code,
      name: d.name,
      summary: summarize(values, [1, 2, 3, 4, 5]),
      csat: csat(values),
      alpha,
    };
  });
}

function band(v: number): number {
  return v <= 2 ? 0 : v === 3 ? 1 : 2;
}

function crossTabs(def: SurveyDefinition, rows: ResponseData[]): CrossTab[] {
  const overallQ = questionByRole(def, 'overall');
  const npsQ = questionByRole(def, 'nps');
  return SEGMENT_FIELDS.map((field) => {
    const groups = new Map<string, ResponseData[]>();
    for (const r of rows) {
      const value = (r.attributes as Attributes)[field] ?? 'unknown';
      groups.set(value, [...(groups.get(value) ?? []), r]);
    }
    const all = overallQ ? numbersOf(rows, overallQ.id) : [];
    const table: number[][] = [];
    const out = [...groups.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([value, members]) => {
        const o = overallQ ? numbersOf(members, overallQ.id) : [];
        const rest = overallQ
          ? numbersOf(
              rows.filter((r) => !members.includes(r)),
              overallQ.id,
            )
          : [];
        const counts = [0, 0, 0];
        for (const v of o) counts[band(v)]!++;
        table.push(counts);
        return {
          value,
          n: members.length,
          overall: summarize(o),
          csat: csat(o),
          nps: nps(npsQ ? numbersOf(members, npsQ.id) : []),
          vsRest: all.length ? welchTTest(rest, o) : null,
        };
      });
    return { field, groups: out, chiSquare: chiSquareTest(table) };
  });
}

function personRows(def: SurveyDefinition, rows: ResponseData[]) {
  const overallQ = questionByRole(def, 'overall');
  return rows.map((r) => {
    const a = r.answers as Answers;
    const scores = dimensionScores(def, a);
    const o = overallQ ? a[overallQ.id] : undefined;
    return {
      drivers: def.dimensions.map((d) => scores[d.code] ?? null),
      overall: typeof o === 'number' ? o : null,
      scores,
    };
  });
}

/** Before vs after between two waves of comparable definitions (matched by question and dimension codes). */
export function compareWaves(
  before: { wave: repo.WaveRow; def: SurveyDefinition; rows: ResponseData[] },
  after: { wave: repo.WaveRow; def: SurveyDefinition; rows: ResponseData[] },
): WaveComparison {
  const o = questionByRole(after.def, 'overall');
  const n = questionByRole(after.def, 'nps');
  const b = personRows(before.def, before.rows);
  const a = personRows(after.def, after.rows);
  const scoresOf = (p: ReturnType<typeof personRows>, code: string) =>
    p.map((x) => x.scores[code]).filter((v): v is number => typeof v === 'number');
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : null);
  const ob = o ? numbersOf(before.rows, o.id) : [];
  const oa = o ? numbersOf(after.rows, o.id) : [];
  const cb = csat(ob);
  const ca = csat(oa);
  const nb = n ? numbersOf(before.rows, n.id) : [];
  const na = n ? numbersOf(after.rows, n.id) : [];
  return {
    baseline: { id: before.wave.id, code: before.wave.code, name: before.wave.name, n: before.rows.length },
    current: { id: after.wave.id, code: after.wave.code, name: after.wave.name, n: after.rows.length },
    overall: { before: mean(ob), after: mean(oa), test: welchTTest(ob, oa) },
    dimensions: after.def.dimensions.map((d) => {
      const x = scoresOf(b, d.code);
      const y = scoresOf(a, d.code);
      return { code: d.code, name: d.name, before: mean(x), after: mean(y), test: welchTTest(x, y) };
    }),
    csat: proportionChange(cb, ca) && { before: cb.share, after: ca.share, ...proportionChange(cb, ca)! },
    nps: { before: nps(nb).score, after: nps(na).score, test: npsChange(nb, na) },
  };
}

/** The wave before this one of the same survey (by opening time), for wave-over-wave change. */
async function previousWave(db: Executor, wave: repo.WaveRow): Promise<repo.WaveRow | undefined> {
  const at = (w: repo.WaveRow) => (w.openedAt ?? w.createdAt).getTime();
  return (await repo.allWaves(db))
    .filter((w) => w.surveyId === wave.surveyId && w.id !== wave.id && w.openedAt && at(w) < at(wave))
    .sort((x, y) => at(y) - at(x))[0];
}

export async function waveReport(
  deps: Deps,
  waveId: string,
  opts: { compareTo?: string | undefined } = {},
): Promise<WaveReport> {
  const db = deps.database.db;
  const cur = await waveBundle(db, waveId);
  const { wave, def, rows } = cur;
  const counts = await repo.invitationCounts(db, waveId);
  const invited = Object.values(counts).reduce((s, n) => s + n, 0);
  const byMode: Record<string, number> = {};
  for (const r of rows) byMode[r.invitationMode] = (byMode[r.invitationMode] ?? 0) + 1;
  const overallQ = questionByRole(def, 'overall');
  const npsQ = questionByRole(def, 'nps');
  const commentQ = questionByRole(def, 'comment');
  const overallValues = overallQ ? numbersOf(rows, overallQ.id) : [];
  const people = personRows(def, rows);
  const drivers = driverAnalysis(
    def.dimensions.map((d) => d.code),
    people,
  );
  const names = new Map(def.dimensions.map((d) => [d.code, d.name]));
  const followUps = await repo.followUpsOfWaves(db, [waveId]);
  const baselineId = opts.compareTo ?? (await previousWave(db, wave))?.id;
  const change = baselineId ? compareWaves(await waveBundle(db, baselineId), cur) : null;
  return {
    wave: {
      id: wave.id,
      code: wave.code,
      name: wave.name,
      status: wave.status,
      surveyName: cur.survey.name as Bilingual,
      version: cur.version.version,
    },
    generatedAt: deps.now().toISOString(),
    responseRate: { invited, completed: rows.length, rate: invited ? rows.length / invited : null, byMode },
    overall: overallQ
      ? { summary: summarize(overallValues, [1, 2, 3, 4, 5]), csat: csat(overallValues) }
      : null,
    nps: npsQ ? nps(numbersOf(rows, npsQ.id)) : null,
    dimensions: dimensionFigures(def, rows),
    questions: questionFigures(def, rows),
    drivers: {
      n: drivers.n,
      rSquared: drivers.rSquared,
      drivers: drivers.drivers.map((d) => ({
        code: d.key,
        name: names.get(d.key)!,
        correlation: d.correlation,
        beta: d.beta,
        mean: Number.isFinite(d.mean) ? d.mean : null,
      })),
    },
    crossTabs: crossTabs(def, rows),
    themes: commentQ
      ? themesOf(
          rows
            .map((r) => (r.answers as Answers)[commentQ.id])
            .filter((v): v is string => typeof v === 'string'),
        )
      : [],
    followUps: { opened: followUps.length, closed: followUps.filter((f) => f.status === 'closed').length },
    change,
  };
}

/** Before vs after of two given waves (the closed loop's verification). */
export async function compareWaveIds(
  deps: Deps,
  baselineId: string,
  currentId: string,
): Promise<WaveComparison> {
  const db = deps.database.db;
  return compareWaves(await waveBundle(db, baselineId), await waveBundle(db, currentId));
}
