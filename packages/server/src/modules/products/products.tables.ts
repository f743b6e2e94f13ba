import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Loan products as data: each row is one version of one product. A product code has at most
 * one `active` version; older active versions become `retired` but keep serving the loans and
 * plans already written on them.
 */
export const productVersions = pgTable(
  'product_versions',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'active', 'retired'] }).notNull(),
    nameEn: text('name_en').notNull(),
    nameZh: text('name_zh').notNull(),
    /** The full definition, validated by core's productTemplateSchema before it is stored. */
    definition: jsonb('definition').notNull(),
    basedOn: text('based_on'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('product_versions_code_version_uq').on(t.code, t.version),
    index('product_versions_status_idx').on(t.status),
  ],
);
