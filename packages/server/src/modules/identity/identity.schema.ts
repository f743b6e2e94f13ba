import { ROLES } from '@bursar/core';
import { z } from 'zod';

export const localeSchema = z.enum(['en', 'zh-CN']);
export const roleSchema = z.enum(ROLES);

export const publicUserSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(roleSchema),
  status: z.enum(['active', 'disabled']),
  locale: localeSchema,
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const meSchema = z.object({
  user: publicUserSchema.extend({
    permissions: z.array(z.string()),
    mustEnrolTotp: z.boolean(),
    /** A student's own customer record; a school officer's school. */
    customerId: z.string().uuid().nullable(),
    schoolId: z.string().uuid().nullable(),
  }),
  csrfToken: z.string(),
});

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'must be 6 digits')
    .optional(),
});

const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, 'may hold letters, digits, dot, dash and underscore');

export const createUserBody = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(200),
  email: z.string().trim().email().max(254).optional(),
  password: z.string().min(1).max(256),
  roles: z.array(roleSchema).min(1),
  locale: localeSchema.optional(),
  totpRequired: z.boolean().optional(),
});

export const updateUserBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().email().max(254).nullable().optional(),
    roles: z.array(roleSchema).min(1).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    totpRequired: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one field to change' });

export const userListQuery = z.strictObject({
  q: z.string().max(100).optional(),
  role: roleSchema.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const idParams = z.strictObject({ id: z.string().uuid() });
export const passwordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(256),
});
export const newPasswordBody = z.strictObject({ newPassword: z.string().min(1).max(256) });
export const totpCodeBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') });
export const localeBody = z.strictObject({ locale: localeSchema });
