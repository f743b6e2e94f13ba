// Surveys and their versions: drafts are edited in the designer, a published version is frozen
// (waves and responses point at it), and a new draft starts from the latest version.
import { randomUUID } from 'node:crypto';
import {
  STUDENT_LOAN_TEMPLATE_CODE,
  studentLoanSatisfactionTemplate,
  surveyDefinitionSchema,
  type Bilingual,
  type SurveyDefinition,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { fieldErrorsFromZod, Problem, validationProblem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './surveys.repository.ts';

export interface VersionView {
  id: string;
  surveyId: string;
  version: number;
  status: 'draft' | 'published';
  definition: SurveyDefinition;
  publishedAt: string | null;
  publishedBy: string | null;
  createdAt: string;
}

export interface SurveyView {
  id: string;
  code: string;
  name: Bilingual;
  description: string | null;
  createdAt: string;
  versions: Omit<VersionView, 'definition'>[];
}

export function versionView(v: repo.VersionRow): VersionView {
  return {
    id: v.id,
    surveyId: v.surveyId,
    version: v.version,
    status: v.status,
    definition: v.definition as SurveyDefinition,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    publishedBy: v.publishedBy,
    createdAt: v.createdAt.toISOString(),
  };
}

export async function listSurveys(deps: Deps): Promise<SurveyView[]> {
  const db = deps.database.db;
  const surveys = await repo.allSurveys(db);
  const versions = await repo.versionsOf(
    db,
    surveys.map((s) => s.id),
  );
  return surveys.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name as Bilingual,
    description: s.description,
    createdAt: s.createdAt.toISOString(),
    versions: versions
      .filter((v) => v.surveyId === s.id)
      .map((v) => {
        const { definition: _omit, ...rest } = versionView(v);
        return rest;
      }),
  }));
}

export async function getVersion(deps: Deps, id: string): Promise<VersionView> {
  const v = await repo.findVersion(deps.database.db, id);
  if (!v) throw Problem.notFound('Survey version');
  return versionView(v);
}

function parseDefinition(input: unknown): SurveyDefinition {
  const parsed = surveyDefinitionSchema.safeParse(input);
  if (!parsed.success) throw validationProblem(fieldErrorsFromZod(parsed.error, 'definition'));
  return parsed.data;
}

export interface CreateSurveyInput {
  code: string;
  name: Bilingual;
  description?: string | undefined;
  /** Start from the built-in student loan satisfaction template, or from a definition. */
  template?: 'student-loan-satisfaction' | undefined;
  definition?: unknown;
}

export async function createSurvey(
  deps: Deps,
  ctx: ActorContext,
  input: CreateSurveyInput,
): Promise<VersionView> {
  const definition = input.definition
    ? parseDefinition(input.definition)
    : input.template
      ? studentLoanSatisfactionTemplate().definition
      : null;
  if (!definition) throw Problem.badRequest('definition', 'give a definition or a template');
  return deps.database.db.transaction(async (tx) => {
    if (await repo.findSurveyByCode(tx, input.code))
      throw Problem.conflict('survey-code-taken', `a survey with code ${input.code} exists`, 'code');
    const now = deps.now();
    const survey = await repo.insertSurvey(tx, {
      id: randomUUID(),
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      createdBy: ctx.actorName,
      createdAt: now,
    });
    const v = await repo.insertVersion(tx, {
      id: randomUUID(),
      surveyId: survey.id,
      version: 1,
      status: 'draft',
      definition,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'survey.created',
      entityType: 'survey',
      entityId: survey.id,
      after: { code: survey.code, version: 1 },
    });
    return versionView(v);
  });
}

export async function updateDraft(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  definition: unknown,
): Promise<VersionView> {
  const parsed = parseDefinition(definition);
  return deps.database.db.transaction(async (tx) => {
    const v = await repo.findVersion(tx, id, true);
    if (!v) throw Problem.notFound('Survey version');
    if (v.status !== 'draft')
      throw Problem.conflict(
        'survey-version-published',
        'a published version cannot change: start a new draft',
      );
    const updated = await repo.updateVersion(tx, id, { definition: parsed });
    await recordAudit(tx, ctx, deps.now(), {
      action: 'survey.draft_updated',
      entityType: 'survey_version',
      entityId: id,
      after: { questions: parsed.sections.reduce((n, s) => n + s.questions.length, 0) },
    });
    return versionView(updated);
  });
}

export async function publishVersion(deps: Deps, ctx: ActorContext, id: string): Promise<VersionView> {
  return deps.database.db.transaction(async (tx) => publishWithin(tx, deps, ctx, id));
}

async function publishWithin(tx: Executor, deps: Deps, ctx: ActorContext, id: string): Promise<VersionView> {
  const v = await repo.findVersion(tx, id, true);
  if (!v) throw Problem.notFound('Survey version');
  if (v.status !== 'draft')
    throw Problem.conflict('survey-version-published', 'this version is already published');
  const now = deps.now();
  const updated = await repo.updateVersion(tx, id, {
    status: 'published',
    publishedAt: now,
    publishedBy: ctx.actorName,
  });
  await recordAudit(tx, ctx, now, {
    action: 'survey.published',
    entityType: 'survey_version',
    entityId: id,
    before: { status: 'draft' },
    after: { status: 'published', version: v.version },
  });
  return versionView(updated);
}

/** A new draft copied from the survey's latest version (one draft at a time). */
export async function newDraft(deps: Deps, ctx: ActorContext, surveyId: string): Promise<VersionView> {
  return deps.database.db.transaction(async (tx) => {
    const survey = await repo.findSurvey(tx, surveyId);
    if (!survey) throw Problem.notFound('Survey');
    const [latest] = await repo.versionsOf(tx, [surveyId]);
    if (latest?.status === 'draft') return versionView(latest);
    const now = deps.now();
    const v = await repo.insertVersion(tx, {
      id: randomUUID(),
      surveyId,
      version: (latest?.version ?? 0) + 1,
      status: 'draft',
      definition: latest?.definition ?? studentLoanSatisfactionTemplate().definition,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'survey.draft_started',
      entityType: 'survey_version',
      entityId: v.id,
    });
    return versionView(v);
  });
}

/** The built-in student loan satisfaction survey, published as version 1 (idempotent). */
export async function installStudentLoanSurvey(deps: Deps, ctx: ActorContext): Promise<VersionView> {
  const db = deps.database.db;
  const existing = await repo.findSurveyByCode(db, STUDENT_LOAN_TEMPLATE_CODE);
  if (existing) {
    const versions = await repo.versionsOf(db, [existing.id]);
    const published = versions.find((v) => v.status === 'published');
    if (published) return versionView(published);
  }
  const t = studentLoanSatisfactionTemplate();
  const draft = existing
    ? await newDraft(deps, ctx, existing.id)
    : await createSurvey(deps, ctx, {
        code: STUDENT_LOAN_TEMPLATE_CODE,
        name: t.name,
        template: STUDENT_LOAN_TEMPLATE_CODE,
      });
  return publishVersion(deps, ctx, draft.id);
}
