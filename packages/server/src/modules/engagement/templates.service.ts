// Templates per purpose and language, versioned: every save is a new draft version; activating
// one retires the previous active version. Unknown variables are caught when a template is
// saved. Regulated notices need a compliance approver (not the author) before they are used.
import { randomUUID } from 'node:crypto';
import {
  checkTemplateText,
  placeholdersOf,
  renderTemplate,
  type MessageChannel,
  type TemplateValues,
} from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem, validationProblem, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { assertCustomerVisible, currentConsents, customerContacts } from '../customers/index.ts';
import type { Actor } from '../identity/index.ts';
import { engagementSettings } from './channels.settings.ts';
import * as repo from './engagement.repository.ts';
import { contextValues, gateMessage, LEGAL_NOTICE, unsubscribeUrl } from './outbox.service.ts';

export interface TemplateInput {
  code: string;
  language: 'en' | 'zh-CN';
  category: 'service' | 'marketing' | 'regulated';
  purpose: string;
  name: string;
  subject?: string | null | undefined;
  body: string;
  shortBody?: string | null | undefined;
}

export function templateView(t: repo.TemplateRow) {
  return {
    id: t.id,
    code: t.code,
    language: t.language,
    version: t.version,
    category: t.category,
    purpose: t.purpose,
    name: t.name,
    subject: t.subject,
    body: t.body,
    shortBody: t.shortBody,
    variables: t.variables,
    status: t.status,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    approvedBy: t.approvedBy,
    approvedAt: t.approvedAt?.toISOString() ?? null,
    activatedAt: t.activatedAt?.toISOString() ?? null,
    retiredAt: t.retiredAt?.toISOString() ?? null,
  };
}

export function checkTemplate(input: Pick<TemplateInput, 'subject' | 'body' | 'shortBody'>): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['subject', 'body', 'shortBody'] as const) {
    for (const p of checkTemplateText(input[field] ?? '')) errors.push({ field, message: p.message });
  }
  return errors;
}

export async function listTemplates(
  deps: Deps,
  f: { code?: string | undefined; status?: string | undefined },
) {
  return (await repo.listTemplates(deps.database.db, f)).map(templateView);
}

/** Save a new draft version (the first save creates the template). */
export async function saveTemplate(deps: Deps, ctx: ActorContext, input: TemplateInput) {
  const errors = checkTemplate(input);
  if (errors.length) throw validationProblem(errors);
  return deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const latest = await repo.latestTemplate(tx, input.code, input.language);
    const row = await repo.insertTemplate(tx, {
      id: randomUUID(),
      code: input.code,
      language: input.language,
      version: (latest?.version ?? 0) + 1,
      category: input.category,
      purpose: input.purpose,
      name: input.name,
      subject: input.subject ?? null,
      body: input.body,
      shortBody: input.shortBody ?? null,
      variables: [
        ...new Set([input.subject ?? '', input.body, input.shortBody ?? ''].flatMap(placeholdersOf)),
      ],
      status: input.category === 'regulated' ? 'pending_approval' : 'draft',
      createdBy: ctx.actorName,
      createdById: ctx.actorId,
      createdAt: at,
      submittedAt: input.category === 'regulated' ? at : null,
    });
    await recordAudit(tx, ctx, at, {
      action: 'template.saved',
      entityType: 'template',
      entityId: row.id,
      after: templateView(row),
    });
    return templateView(row);
  });
}

async function mustFind(deps: Deps, code: string, language: string, version: number) {
  const t = await repo.findTemplateVersion(deps.database.db, code, language, version);
  if (!t) throw Problem.notFound('Template version');
  return t;
}

/** Make a version the one in use. Regulated templates go live only through approval. */
export async function activateTemplate(
  deps: Deps,
  ctx: ActorContext,
  code: string,
  language: string,
  version: number,
) {
  const t = await mustFind(deps, code, language, version);
  if (t.category === 'regulated' && !t.approvedAt)
    throw Problem.conflict(
      'approval-required',
      'A regulated notice needs approval by compliance before it is used',
      'status',
    );
  if (t.status === 'active') return templateView(t);
  if (t.status === 'retired')
    throw Problem.conflict(
      'template-retired',
      'A retired version cannot be reactivated; save it again as a new version',
      'status',
    );
  return goLive(deps, ctx, t, 'template.activated');
}

async function goLive(
  deps: Deps,
  ctx: ActorContext,
  t: repo.TemplateRow,
  action: string,
  approval?: { by: string | null },
) {
  return deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    await repo.retireActive(tx, t.code, t.language, at);
    const after = await repo.updateTemplate(tx, t.id, {
      status: 'active',
      activatedAt: at,
      ...(approval ? { approvedBy: approval.by, approvedAt: at } : {}),
    });
    await recordAudit(tx, ctx, at, {
      action,
      entityType: 'template',
      entityId: t.id,
      before: { status: t.status },
      after: {
        status: 'active',
        code: t.code,
        language: t.language,
        version: t.version,
        approvedBy: after.approvedBy,
      },
    });
    return templateView(after);
  });
}

/** Compliance approval of a regulated notice (four eyes: not by its author); it goes live. */
export async function approveTemplate(
  deps: Deps,
  ctx: ActorContext,
  code: string,
  language: string,
  version: number,
) {
  const t = await mustFind(deps, code, language, version);
  if (t.status !== 'pending_approval' && t.status !== 'draft')
    throw Problem.conflict('not-pending', `The version is ${t.status}`, 'status');
  if (t.createdById && t.createdById === ctx.actorId)
    throw Problem.conflict('four-eyes', 'The author of a notice cannot approve it', 'approvedBy');
  return goLive(deps, ctx, t, 'template.approved', { by: ctx.actorName });
}

export async function retireTemplate(
  deps: Deps,
  ctx: ActorContext,
  code: string,
  language: string,
  version: number,
) {
  const t = await mustFind(deps, code, language, version);
  if (t.status === 'retired') return templateView(t);
  return deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const after = await repo.updateTemplate(tx, t.id, { status: 'retired', retiredAt: at });
    await recordAudit(tx, ctx, at, {
      action: 'template.retired',
      entityType: 'template',
      entityId: t.id,
      before: { status: t.status },
      after: { status: 'retired' },
    });
    return templateView(after);
  });
}

export interface PreviewInput {
  customerId: string;
  template?:
    { code: string; language?: 'en' | 'zh-CN' | undefined; version?: number | undefined } | undefined;
  content?: { subject?: string | null | undefined; body: string } | undefined;
  channel?: MessageChannel | 'preferred' | undefined;
  purpose?: 'service' | 'marketing' | undefined;
  values?: TemplateValues | undefined;
}

/** Render a template (any version, or unsaved text) for a real customer, with the channel and consent decision it would get. */
export async function previewMessage(deps: Deps, actor: Actor, input: PreviewInput) {
  const db = deps.database.db;
  await assertCustomerVisible(db, actor, input.customerId);
  const contact = (await customerContacts(deps, db, [input.customerId])).get(input.customerId)!;
  let subject: string | null;
  let body: string;
  let category: string = input.purpose ?? 'service';
  let language = contact.preferredLanguage;
  if (input.template) {
    language = input.template.language ?? contact.preferredLanguage;
    const t = input.template.version
      ? await mustFind(deps, input.template.code, language, input.template.version)
      : ((await repo.activeTemplates(db, input.template.code)).find((x) => x.language === language) ??
        (await repo.latestTemplate(db, input.template.code, language)));
    if (!t) throw Problem.notFound('Template');
    subject = t.subject;
    body = t.body;
    category = t.category;
  } else if (input.content) {
    const errors = checkTemplate({ subject: input.content.subject, body: input.content.body });
    if (errors.length) throw validationProblem(errors.map((e) => ({ ...e, field: `content.${e.field}` })));
    subject = input.content.subject ?? null;
    body = input.content.body;
  } else throw Problem.badRequest('template', 'give a template or content');
  const purpose = category === 'marketing' || input.purpose === 'marketing' ? 'marketing' : 'service';
  const s = engagementSettings(deps);
  const values = contextValues(
    contact,
    s,
    {
      ...input.values,
      ...(purpose === 'marketing' ? { 'message.unsubscribeUrl': unsubscribeUrl(deps, contact.id) } : {}),
    },
    deps.now(),
  );
  const rendered = renderTemplate(body, values);
  const prefs = await repo.findPreferences(db, contact.id);
  const consents = (await currentConsents(db, [contact.id])).get(contact.id) ?? {};
  const legallyRequired = category === 'regulated';
  const gate = gateMessage(contact, prefs, consents, purpose, legallyRequired, input.channel ?? 'preferred');
  return {
    customerId: contact.id,
    language,
    subject: subject ? renderTemplate(subject, values).text : null,
    body: rendered.text + (legallyRequired ? `\n\n${LEGAL_NOTICE[language] ?? LEGAL_NOTICE.en!}` : ''),
    missing: rendered.missing,
    purpose,
    legallyRequired,
    channel: gate.channel,
    wouldSend: gate.allowed,
    reason: gate.reason,
  };
}
