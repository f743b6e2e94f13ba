// Staff training and attestations: versioned bilingual courses assigned by role, and every
// attempt a staff member makes (a course's quiz, or a yearly attestation such as the code of
// conduct). A passed attempt is valid until its `validUntil`; the training gate reads them.
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.ts';

export const complianceTrainingCourses = pgTable(
  'compliance_training_courses',
  {
    id: uuid('id').primaryKey(),
    /** Stable across versions: completion of any version counts for the code. */
    code: text('code').notNull(),
    version: integer('version').notNull(),
    kind: text('kind', { enum: ['course', 'attestation'] }).notNull(),
    category: text('category', {
      enum: ['compliance', 'privacy', 'anti_fraud', 'service_standards', 'conduct'],
    }).notNull(),
    titleEn: text('title_en').notNull(),
    titleZh: text('title_zh').notNull(),
    contentEn: text('content_en').notNull(),
    contentZh: text('content_zh').notNull(),
    /** Quiz questions: { en, zh, options: { en, zh }[], answer: index }[] (empty for an attestation). */
    quiz: jsonb('quiz').notNull(),
    /** Per cent of questions right to pass. */
    passMark: integer('pass_mark').notNull(),
    validityMonths: integer('validity_months').notNull(),
    /** Staff roles the course is required of. */
    roles: jsonb('roles').notNull(),
    status: text('status', { enum: ['active', 'retired'] }).notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('compliance_training_courses_version').on(t.code, t.version),
    index('compliance_training_courses_status').on(t.status),
  ],
);

export const complianceTrainingAttempts = pgTable(
  'compliance_training_attempts',
  {
    id: uuid('id').primaryKey(),
    courseId: uuid('course_id').notNull(),
    courseCode: text('course_code').notNull(),
    courseVersion: integer('course_version').notNull(),
    userId: uuid('user_id').notNull(),
    userName: text('user_name').notNull(),
    /** Per cent right (100 for an attestation). */
    score: integer('score').notNull(),
    passed: boolean('passed').notNull(),
    answers: jsonb('answers').notNull(),
    /** The attestation statement exactly as the staff member affirmed it. */
    statement: text('statement'),
    completedAt: ts('completed_at').notNull(),
    validUntil: ts('valid_until'),
  },
  (t) => [index('compliance_training_attempts_user').on(t.userId, t.courseCode, t.completedAt)],
);
