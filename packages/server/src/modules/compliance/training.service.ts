// Staff training and attestations: courses assigned by role, completion by quiz (or by
// affirming an attestation), status per staff member, the completion matrix, and the training
// gate that refuses regulated actions to a staff member whose required training has lapsed.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { STAFF_ROLES, type Role } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import type { Executor } from '../../db/database.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { getUser, listUsers, type Actor } from '../identity/index.ts';
import * as repo from './training.repository.ts';
import type { AttemptRow, CourseRow } from './training.repository.ts';

const env = z.object({
  /** 'on': staff whose required training has lapsed cannot approve, disburse or unmask. */
  BURSAR_TRAINING_GATE: z.enum(['on', 'off']).default('on'),
  /** Days a newly assigned course may stay uncompleted before it counts as lapsed. */
  BURSAR_TRAINING_GRACE_DAYS: z.coerce.number().int().min(0).default(30),
});
export type TrainingSettings = z.infer<typeof env>;
let cached: TrainingSettings | null = null;
export function trainingSettings(source: NodeJS.ProcessEnv = process.env): TrainingSettings {
  if (source !== process.env) return env.parse(source);
  cached ??= env.parse(source);
  return cached;
}

export interface QuizQuestion {
  en: string;
  zh: string;
  options: { en: string; zh: string }[];
  answer: number;
}

export interface CourseInput {
  code: string;
  kind: 'course' | 'attestation';
  category: CourseRow['category'];
  titleEn: string;
  titleZh: string;
  contentEn: string;
  contentZh: string;
  quiz: QuizQuestion[];
  passMark: number;
  validityMonths: number;
  roles: Role[];
}

export type TrainingStatus = 'current' | 'due' | 'lapsed';

/** The regulated actions the gate guards. */
export type RegulatedAction = 'approve' | 'disburse' | 'unmask';

const DAY_MS = 86_400_000;

function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

function courseView(c: CourseRow) {
  return {
    id: c.id,
    code: c.code,
    version: c.version,
    kind: c.kind,
    category: c.category,
    titleEn: c.titleEn,
    titleZh: c.titleZh,
    passMark: c.passMark,
    validityMonths: c.validityMonths,
    roles: c.roles as Role[],
    questions: (c.quiz as QuizQuestion[]).length,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
  };
}
export type CourseView = ReturnType<typeof courseView>;

function validateCourse(input: CourseInput) {
  if (input.kind === 'course' && input.quiz.length === 0)
    throw Problem.badRequest('quiz', 'a course needs at least one quiz question');
  if (input.kind === 'attestation' && input.quiz.length > 0)
    throw Problem.badRequest('quiz', 'an attestation has no quiz');
  input.quiz.forEach((q, i) => {
    if (q.answer < 0 || q.answer >= q.options.length)
      throw Problem.badRequest(`quiz.${i}.answer`, 'the answer must be one of the options');
  });
  const bad = input.roles.find((r) => !STAFF_ROLES.includes(r));
  if (bad) throw Problem.badRequest('roles', `${bad} is not a staff role`);
}

/** A new course (version 1), or a new version of an existing code (the old one retires). */
export async function saveCourse(deps: Deps, ctx: ActorContext, input: CourseInput): Promise<CourseView> {
  validateCourse(input);
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const prev = await repo.latestVersionOf(tx, input.code);
    if (prev) await repo.retireCourseVersions(tx, input.code);
    const row = await repo.insertCourse(tx, {
      id: randomUUID(),
      ...input,
      version: (prev?.version ?? 0) + 1,
      status: 'active',
      createdBy: ctx.actorName,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: prev ? 'training.course_revised' : 'training.course_created',
      entityType: 'training_course',
      entityId: row.id,
      before: prev ? { version: prev.version } : null,
      after: {
        code: row.code,
        version: row.version,
        roles: input.roles,
        validityMonths: input.validityMonths,
      },
    });
    return courseView(row);
  });
}

export async function listCourses(deps: Deps): Promise<CourseView[]> {
  return (await repo.allCourses(deps.database.db)).map(courseView);
}

interface StaffLike {
  id: string;
  roles: readonly string[];
  createdAt: Date;
}

export interface CourseStatus {
  courseId: string;
  code: string;
  version: number;
  kind: CourseRow['kind'];
  titleEn: string;
  titleZh: string;
  status: TrainingStatus;
  completedAt: string | null;
  validUntil: string | null;
  /** When an uncompleted course becomes lapsed (the end of the grace period). */
  dueBy: string | null;
}

/**
 * Status of one staff member's required courses. Current: a passed attempt still valid. Lapsed:
 * a passed attempt has expired, or the course was never passed within the grace period after it
 * was assigned (the later of the course version's creation and the staff member's account).
 */
export function statusesOf(
  staff: StaffLike,
  courses: readonly CourseRow[],
  attempts: readonly AttemptRow[],
  now: Date,
  graceDays: number,
): CourseStatus[] {
  return courses
    .filter((c) => (c.roles as string[]).some((r) => staff.roles.includes(r)))
    .map((c) => {
      const passed = attempts.filter((a) => a.userId === staff.id && a.courseCode === c.code && a.passed);
      const latest = passed.reduce<AttemptRow | null>(
        (best, a) =>
          !best || (a.validUntil ?? a.completedAt) > (best.validUntil ?? best.completedAt) ? a : best,
        null,
      );
      const assignedAt = new Date(Math.max(c.createdAt.getTime(), staff.createdAt.getTime()));
      const dueBy = new Date(assignedAt.getTime() + graceDays * DAY_MS);
      let status: TrainingStatus;
      if (latest?.validUntil && latest.validUntil > now) status = 'current';
      else if (latest) status = 'lapsed';
      else status = now > dueBy ? 'lapsed' : 'due';
      return {
        courseId: c.id,
        code: c.code,
        version: c.version,
        kind: c.kind,
        titleEn: c.titleEn,
        titleZh: c.titleZh,
        status,
        completedAt: latest?.completedAt.toISOString() ?? null,
        validUntil: latest?.validUntil?.toISOString() ?? null,
        dueBy: latest ? null : dueBy.toISOString(),
      };
    });
}

async function statusesForUser(deps: Deps, db: Executor, userId: string, roles: readonly string[]) {
  const user = await getUser(deps, userId);
  const courses = await repo.activeCourses(db);
  const attempts = await repo.attemptsOf(db, [userId]);
  return statusesOf(
    { id: userId, roles, createdAt: new Date(user.createdAt) },
    courses,
    attempts,
    deps.now(),
    trainingSettings().BURSAR_TRAINING_GRACE_DAYS,
  );
}

/** The signed-in staff member's required courses and attestations. */
export async function myTraining(deps: Deps, actor: Actor) {
  const items = await statusesForUser(deps, deps.database.db, actor.userId, actor.roles);
  return { gate: trainingSettings().BURSAR_TRAINING_GATE, items };
}

/** A course to take: its content and quiz without the answers. */
export async function courseToTake(deps: Deps, actor: Actor, courseId: string) {
  const c = await repo.findCourse(deps.database.db, courseId);
  if (!c || c.status !== 'active') throw Problem.notFound('Course');
  if (
    !(c.roles as string[]).some((r) => actor.roles.includes(r as Role)) &&
    !actor.permissions.has('training.manage')
  )
    throw Problem.notFound('Course');
  return {
    ...courseView(c),
    contentEn: c.contentEn,
    contentZh: c.contentZh,
    quiz: (c.quiz as QuizQuestion[]).map((q) => ({ en: q.en, zh: q.zh, options: q.options })),
    statement: c.kind === 'attestation' ? attestationStatement(c) : null,
  };
}

function attestationStatement(c: CourseRow): string {
  return `I have read and will comply with "${c.titleEn}" (version ${c.version}). 我已阅读并将遵守《${c.titleZh}》（第 ${c.version} 版）。`;
}

/**
 * Complete a course: the quiz is marked here (the web never sees the answers); a pass is valid
 * for the course's validity period. An attestation is completed by affirming its statement.
 */
export async function completeCourse(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  courseId: string,
  input: { answers: number[]; affirm?: boolean | undefined },
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const c = await repo.findCourse(tx, courseId);
    if (!c || c.status !== 'active') throw Problem.notFound('Course');
    if (!(c.roles as string[]).some((r) => actor.roles.includes(r as Role)))
      throw Problem.conflict('course-not-assigned', 'This course is not assigned to your role', 'courseId');
    const quiz = c.quiz as QuizQuestion[];
    let score = 100;
    if (c.kind === 'attestation') {
      if (input.affirm !== true) throw Problem.badRequest('affirm', 'affirm the attestation statement');
    } else {
      if (input.answers.length !== quiz.length)
        throw Problem.badRequest('answers', `answer all ${quiz.length} questions`);
      const right = quiz.filter((q, i) => input.answers[i] === q.answer).length;
      score = Math.floor((right * 100) / quiz.length);
    }
    const passed = score >= c.passMark;
    const row = await repo.insertAttempt(tx, {
      id: randomUUID(),
      courseId: c.id,
      courseCode: c.code,
      courseVersion: c.version,
      userId: actor.userId,
      userName: actor.username,
      score,
      passed,
      answers: input.answers,
      statement: c.kind === 'attestation' ? attestationStatement(c) : null,
      completedAt: now,
      validUntil: passed ? addMonths(now, c.validityMonths) : null,
    });
    await recordAudit(tx, ctx, now, {
      action: passed
        ? c.kind === 'attestation'
          ? 'training.attested'
          : 'training.completed'
        : 'training.failed',
      entityType: 'training_course',
      entityId: c.id,
      after: {
        code: c.code,
        version: c.version,
        score,
        passed,
        validUntil: row.validUntil?.toISOString() ?? null,
      },
    });
    return {
      score,
      passed,
      passMark: c.passMark,
      validUntil: row.validUntil?.toISOString() ?? null,
    };
  });
}

/** Every active staff member against every active course: the completion matrix. */
export async function completionMatrix(deps: Deps) {
  const db = deps.database.db;
  const now = deps.now();
  const grace = trainingSettings().BURSAR_TRAINING_GRACE_DAYS;
  const courses = await repo.activeCourses(db);
  const { items: users } = await listUsers(deps, { status: 'active' }, { limit: 5000, offset: 0 });
  const staff = users.filter((u) => u.roles.some((r) => STAFF_ROLES.includes(r)));
  const attempts = await repo.attemptsOf(
    db,
    staff.map((s) => s.id),
  );
  const rows = staff.map((u) => {
    const statuses = statusesOf({ ...u, createdAt: new Date(u.createdAt) }, courses, attempts, now, grace);
    return {
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      cells: statuses.map((s) => ({
        code: s.code,
        status: s.status,
        validUntil: s.validUntil,
        dueBy: s.dueBy,
      })),
    };
  });
  const required = rows.reduce((n, r) => n + r.cells.length, 0);
  const current = rows.reduce((n, r) => n + r.cells.filter((c) => c.status === 'current').length, 0);
  return {
    courses: courses.map(courseView),
    rows,
    completionPercent: required ? Math.floor((current * 100) / required) : 100,
    lapsedStaff: rows.filter((r) => r.cells.some((c) => c.status === 'lapsed')).map((r) => r.username),
  };
}

const ACTION_TEXT: Record<RegulatedAction, string> = {
  approve: 'approve applications',
  disburse: 'disburse loans',
  unmask: 'unmask personal data',
};

/**
 * The training gate, called by origination (decide/approve, disburse) and customers (unmask)
 * before a regulated action. Refuses with problem `training-lapsed` naming the lapsed courses;
 * does nothing when BURSAR_TRAINING_GATE=off. Users without a staff role are not gated.
 */
export async function assertTrainingCurrent(
  deps: Deps,
  actor: Pick<Actor, 'userId' | 'roles'>,
  action: RegulatedAction,
): Promise<void> {
  if (trainingSettings().BURSAR_TRAINING_GATE === 'off') return;
  if (!actor.roles.some((r) => STAFF_ROLES.includes(r))) return;
  const lapsed = (await statusesForUser(deps, deps.database.db, actor.userId, actor.roles)).filter(
    (s) => s.status === 'lapsed',
  );
  if (lapsed.length === 0) return;
  const names = lapsed.map((l) => `${l.titleEn} (${l.titleZh})`).join(', ');
  throw new Problem(
    403,
    'training-lapsed',
    'Required training has lapsed',
    `You cannot ${ACTION_TEXT[action]} until you complete: ${names}. 培训已过期，请先完成：${lapsed.map((l) => l.titleZh).join('、')}`,
    {
      action,
      lapsedCourses: lapsed.map((l) => ({ code: l.code, titleEn: l.titleEn, titleZh: l.titleZh })),
      errors: [{ field: 'training', message: `lapsed: ${lapsed.map((l) => l.code).join(', ')}` }],
    },
  );
}
