// Disclosures: versioned bilingual templates per delivery stage, and each disclosure delivered
// to a borrower with its computed figures, the exact content and its hash, and the borrower's
// acknowledgement (who, when, channel).
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { ts } from '../../db/columns.ts';

export const DISCLOSURE_STAGES = ['application', 'approval', 'signing', 'privacy'] as const;

export const complianceDisclosureTemplates = pgTable(
  'compliance_disclosure_templates',
  {
    id: uuid('id').primaryKey(),
    stage: text('stage', { enum: DISCLOSURE_STAGES }).notNull(),
    version: integer('version').notNull(),
    titleEn: text('title_en').notNull(),
    titleZh: text('title_zh').notNull(),
    /** Text with {{placeholders}} filled from the offer's figures. */
    bodyEn: text('body_en').notNull(),
    bodyZh: text('body_zh').notNull(),
    status: text('status', { enum: ['active', 'retired'] }).notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('compliance_disclosure_templates_version').on(t.stage, t.version)],
);

export const complianceDisclosures = pgTable(
  'compliance_disclosures',
  {
    id: uuid('id').primaryKey(),
    templateId: uuid('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    stage: text('stage', { enum: DISCLOSURE_STAGES }).notNull(),
    customerId: uuid('customer_id').notNull(),
    applicationId: uuid('application_id'),
    /** The calendar year of an annual privacy notice. */
    year: integer('year'),
    figures: jsonb('figures'),
    titleEn: text('title_en').notNull(),
    titleZh: text('title_zh').notNull(),
    contentEn: text('content_en').notNull(),
    contentZh: text('content_zh').notNull(),
    /** SHA-256 of the English and Chinese content as delivered. */
    contentSha256: text('content_sha256').notNull(),
    deliveryChannel: text('delivery_channel', { enum: ['portal', 'outbox'] }).notNull(),
    messageId: uuid('message_id'),
    deliveredAt: ts('delivered_at').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedById: uuid('acknowledged_by_id'),
    acknowledgedByName: text('acknowledged_by_name'),
    acknowledgedChannel: text('acknowledged_channel', { enum: ['portal', 'branch'] }),
    acknowledgedIp: text('acknowledged_ip'),
  },
  (t) => [
    uniqueIndex('compliance_disclosures_stage')
      .on(t.applicationId, t.stage)
      .where(sql`application_id is not null`),
    uniqueIndex('compliance_disclosures_privacy_year')
      .on(t.customerId, t.year)
      .where(sql`stage = 'privacy'`),
    index('compliance_disclosures_customer').on(t.customerId),
    index('compliance_disclosures_pending').on(t.acknowledgedAt),
  ],
);
