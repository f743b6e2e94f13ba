// The school catalogue: real US schools with their cohort default rates (FSA FY2016) and
// Chinese universities shipped in ./data, plus schools added by hand or by CSV.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EDUCATION_LEVELS, SCHOOL_TYPES, parseCsv, type EducationLevel } from '@bursar/core';
import type { z } from 'zod';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './customers.repository.ts';
import type * as S from './customers.schema.ts';

const DATA_DIR = path.resolve(import.meta.dirname, 'data');

/** FSA programme-length code → highest level taught and typical years of its longest programme. */
const US_PROGRAMME: Record<string, { level: EducationLevel; years: number }> = {
  '1': { level: 'vocational', years: 0.5 },
  '2': { level: 'master', years: 2 },
  '3': { level: 'vocational', years: 1 },
  '4': { level: 'vocational', years: 2 },
  '5': { level: 'associate', years: 2 },
  '6': { level: 'undergraduate', years: 4 },
  '7': { level: 'doctoral', years: 3 },
  '8': { level: 'doctoral', years: 4 },
  '11': { level: 'vocational', years: 3 },
  '12': { level: 'associate', years: 2 },
};
const US_TYPE: Record<string, string> = {
  '1': 'public',
  '2': 'private_nonprofit',
  '3': 'private_for_profit',
  '5': 'foreign',
  '6': 'foreign',
  '7': 'foreign',
};

function titleCase(name: string): string {
  const small = new Set(['of', 'and', 'the', 'at', 'in', 'for', 'de', 'la', 'on', 'a']);
  return name
    .toLowerCase()
    .split(' ')
    .map((w, i) =>
      i > 0 && small.has(w)
        ? w
        : w.replace(/(^|[-/.'(&])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase()),
    )
    .join(' ');
}

function records(file: string): string[][] {
  const out: string[][] = [];
  let first = true;
  for (const r of parseCsv(readFileSync(path.join(DATA_DIR, file), 'utf8'))) {
    if (first) {
      first = false;
      continue;
    }
    out.push(r.cells);
  }
  return out;
}

export function catalogueRows(at: Date): repo.NewSchoolRow[] {
  const us = records('us-schools-cdr-fy2016.csv').map(
    ([opeid, name, city, region, country, prog, type, cdr]) => {
      const p = US_PROGRAMME[prog!] ?? { level: 'undergraduate' as const, years: 4 };
      return {
        id: randomUUID(),
        name: titleCase(name!),
        nameLocal: null,
        country: country!,
        region: region || null,
        city: city || null,
        type: US_TYPE[type!] ?? 'other',
        highestLevel: p.level,
        programmeYears: p.years,
        externalCode: opeid!,
        cohortDefaultRate: cdr ? Number(cdr) : null,
        source: 'us_fsa_cdr_fy2016',
        createdAt: at,
      };
    },
  );
  const cn = records('cn-universities.csv').map(
    ([code, name, nameLocal, city, region, country, type, level, years]) => ({
      id: randomUUID(),
      name: name!,
      nameLocal: nameLocal || null,
      country: country!,
      region: region || null,
      city: city || null,
      type: type!,
      highestLevel: level!,
      programmeYears: Number(years),
      externalCode: code || null,
      cohortDefaultRate: null,
      source: 'cn_catalogue',
      createdAt: at,
    }),
  );
  return [...cn, ...us];
}

/** Load the shipped catalogue into an empty schools table. Returns how many were loaded. */
export async function loadSchoolCatalogue(deps: Deps, ctx: ActorContext): Promise<number> {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    if ((await repo.countSchools(tx)) > 0) return 0;
    const rows = catalogueRows(at);
    await repo.insertSchools(tx, rows);
    await recordAudit(tx, ctx, at, {
      action: 'school.catalogue_loaded',
      entityType: 'school',
      after: { count: rows.length, sources: ['us_fsa_cdr_fy2016', 'cn_catalogue'] },
    });
    return rows.length;
  });
}

export function schoolView(s: repo.SchoolRow): z.infer<typeof S.schoolView> {
  return {
    id: s.id,
    name: s.name,
    nameLocal: s.nameLocal,
    country: s.country,
    region: s.region,
    city: s.city,
    type: s.type,
    highestLevel: s.highestLevel,
    programmeYears: s.programmeYears,
    externalCode: s.externalCode,
    cohortDefaultRate: s.cohortDefaultRate,
    source: s.source,
  };
}

export async function listSchools(
  deps: Deps,
  q: { q?: string | undefined; country?: string | undefined; limit: number; offset: number },
) {
  const page = await repo.searchSchools(deps.database.db, q, q);
  return { items: page.items.map(schoolView), total: page.total };
}

export async function getSchool(deps: Deps, id: string) {
  const s = await repo.findSchool(deps.database.db, id);
  if (!s) throw Problem.notFound('School');
  return schoolView(s);
}

export async function createSchool(
  deps: Deps,
  ctx: ActorContext,
  input: S.CreateSchoolInput,
  source = 'manual',
) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    if (input.externalCode && (await repo.findSchoolByCode(tx, input.country, input.externalCode))) {
      throw Problem.conflict(
        'school-code-taken',
        `A school in ${input.country} has code ${input.externalCode} already`,
        'externalCode',
      );
    }
    const row = await repo.insertSchool(tx, {
      id: randomUUID(),
      name: input.name,
      nameLocal: input.nameLocal ?? null,
      country: input.country,
      region: input.region ?? null,
      city: input.city ?? null,
      type: input.type,
      highestLevel: input.highestLevel ?? null,
      programmeYears: input.programmeYears ?? null,
      externalCode: input.externalCode ?? null,
      cohortDefaultRate: null,
      source,
      createdAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'school.created',
      entityType: 'school',
      entityId: row.id,
      after: schoolView(row),
    });
    return schoolView(row);
  });
}

type SchoolColumn = (typeof SCHOOL_COLUMNS_LIST)[number];
const SCHOOL_COLUMNS_LIST = [
  'name',
  'name_local',
  'country',
  'region',
  'city',
  'type',
  'highest_level',
  'programme_years',
  'code',
] as const;

/** Add schools from CSV (columns as SCHOOL_COLUMNS_LIST); each row on its own; errors per row. */
export async function importSchools(deps: Deps, ctx: ActorContext, text: string) {
  const errors: { row: number; field: string; reason: string }[] = [];
  let created = 0;
  let header: string[] | null = null;
  for (const rec of parseCsv(text)) {
    if (!header) {
      header = rec.cells.map((c) => c.trim().toLowerCase());
      const unknown = header.filter((c) => !(SCHOOL_COLUMNS_LIST as readonly string[]).includes(c));
      if (unknown.length) throw Problem.badRequest('(file)', `unknown columns: ${unknown.join(', ')}`);
      const missing = ['name', 'country', 'type'].filter((c) => !header!.includes(c));
      if (missing.length) throw Problem.badRequest('(file)', `missing columns: ${missing.join(', ')}`);
      continue;
    }
    const get = (c: SchoolColumn) => {
      const i = header!.indexOf(c);
      const v = i >= 0 ? rec.cells[i]?.trim() : undefined;
      return v ? v : undefined;
    };
    const fail = (field: string, reason: string) => errors.push({ row: rec.line, field, reason });
    const country = get('country')?.toUpperCase();
    const type = get('type');
    const level = get('highest_level');
    const years = get('programme_years');
    if (!get('name')) fail('name', 'is required');
    else if (!country || !/^[A-Z]{2}$/.test(country))
      fail('country', 'must be a two-letter ISO country code');
    else if (!type || !(SCHOOL_TYPES as readonly string[]).includes(type))
      fail('type', `must be one of ${SCHOOL_TYPES.join(', ')}`);
    else if (level && !(EDUCATION_LEVELS as readonly string[]).includes(level))
      fail('highest_level', `must be one of ${EDUCATION_LEVELS.join(', ')}`);
    else if (years && !(Number(years) >= 0.5 && Number(years) <= 10))
      fail('programme_years', 'must be a number from 0.5 to 10');
    else {
      try {
        await createSchool(
          deps,
          ctx,
          {
            name: get('name')!,
            nameLocal: get('name_local'),
            country,
            region: get('region'),
            city: get('city'),
            type: type as (typeof SCHOOL_TYPES)[number],
            highestLevel: level as EducationLevel | undefined,
            programmeYears: years ? Number(years) : undefined,
            externalCode: get('code'),
          },
          'csv',
        );
        created++;
      } catch (e) {
        if (e instanceof Problem) fail(e.extensions.errors?.[0]?.field ?? '(row)', e.detail ?? e.title);
        else throw e;
      }
    }
  }
  return { created, failed: errors.length, errors };
}

export async function addProgramme(
  deps: Deps,
  ctx: ActorContext,
  schoolId: string,
  input: z.infer<typeof S.programmeBody>,
) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    if (!(await repo.findSchool(tx, schoolId))) throw Problem.notFound('School');
    const existing = (await repo.listProgrammes(tx, schoolId)).find(
      (p) => p.name === input.name && p.level === input.level,
    );
    if (existing)
      throw Problem.conflict(
        'programme-exists',
        'The school has this programme at this level already',
        'name',
      );
    const row = await repo.insertProgramme(tx, {
      id: randomUUID(),
      schoolId,
      name: input.name,
      level: input.level,
      lengthYears: input.lengthYears ?? null,
      createdAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'school.programme_added',
      entityType: 'school',
      entityId: schoolId,
      after: { programmeId: row.id, name: row.name, level: row.level },
    });
    return { id: row.id, schoolId, name: row.name, level: row.level, lengthYears: row.lengthYears };
  });
}

export async function listProgrammes(deps: Deps, schoolId: string) {
  if (!(await repo.findSchool(deps.database.db, schoolId))) throw Problem.notFound('School');
  return (await repo.listProgrammes(deps.database.db, schoolId)).map((p) => ({
    id: p.id,
    schoolId,
    name: p.name,
    level: p.level,
    lengthYears: p.lengthYears,
  }));
}
