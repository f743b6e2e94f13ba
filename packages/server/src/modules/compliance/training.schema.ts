// Request and response schemas of the training routes (shared with the web app).
import { z } from 'zod';
import { STAFF_ROLES } from '@bursar/core';

const bilingualText = (max: number) => z.string().trim().min(1).max(max);

export const courseBody = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'lower-case letters, digits and hyphens')
    .describe('Stable code; saving an existing code makes a new version'),
  kind: z.enum(['course', 'attestation']),
  category: z.enum(['compliance', 'privacy', 'anti_fraud', 'service_standards', 'conduct']),
  titleEn: bilingualText(200),
  titleZh: bilingualText(200),
  contentEn: bilingualText(50_000),
  contentZh: bilingualText(50_000),
  quiz: z
    .array(
      z.strictObject({
        en: bilingualText(1000),
        zh: bilingualText(1000),
        options: z
          .array(z.strictObject({ en: bilingualText(500), zh: bilingualText(500) }))
          .min(2)
          .max(8),
        answer: z.number().int().min(0),
      }),
    )
    .max(50),
  passMark: z.number().int().min(1).max(100),
  validityMonths: z.number().int().min(1).max(60),
  roles: z.array(z.enum(STAFF_ROLES as [string, ...string[]])).min(1),
});

export const completeBody = z.strictObject({
  answers: z.array(z.number().int().min(0)).max(50),
  affirm: z.boolean().optional(),
});

export const idParams = z.strictObject({ id: z.uuid() });
