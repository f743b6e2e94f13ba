// Loan products: copy a built-in template, adjust it as a draft, activate it. Activating a new
// version retires the previous one; retired versions stay readable for the loans written on them.
import { randomUUID } from 'node:crypto';
import { PRODUCT_TEMPLATES, productTemplateSchema, type ProductTemplate } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { fieldErrorsFromZod, Problem, validationProblem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './products.repository.ts';
import type { ProductVersionRow } from './products.repository.ts';

export type ProductStatus = ProductVersionRow['status'];

export interface ProductVersionView {
  code: string;
  version: number;
  status: ProductStatus;
  name: { en: string; 'zh-CN': string };
  basedOn: string | null;
  createdAt: string;
  activatedAt: string | null;
  retiredAt: string | null;
  definition: ProductTemplate;
}

function view(row: ProductVersionRow): ProductVersionView {
  return {
    code: row.code,
    version: row.version,
    status: row.status,
    name: { en: row.nameEn, 'zh-CN': row.nameZh },
    basedOn: row.basedOn,
    createdAt: row.createdAt.toISOString(),
    activatedAt: row.activatedAt?.toISOString() ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    definition: row.definition as ProductTemplate,
  };
}

/** Validate a definition against the engine's schema, naming fields as `definition.…`. */
function validDefinition(input: unknown): ProductTemplate {
  const parsed = productTemplateSchema.safeParse(input);
  if (!parsed.success) throw validationProblem(fieldErrorsFromZod(parsed.error, 'definition'));
  return parsed.data;
}

export function listTemplates(): readonly ProductTemplate[] {
  return PRODUCT_TEMPLATES;
}

export async function listProducts(deps: Deps): Promise<ProductVersionView[]> {
  return (await repo.allProductVersions(deps.database.db)).map(view);
}

export async function productHistory(deps: Deps, code: string): Promise<ProductVersionView[]> {
  const rows = await repo.versionsOf(deps.database.db, code);
  if (rows.length === 0) throw Problem.notFound(`Product ${code}`);
  return rows.map(view);
}

/** The version new loans use: the active one. */
export async function activeProduct(deps: Deps, code: string): Promise<ProductVersionView | null> {
  const row = await repo.findActive(deps.database.db, code);
  return row ? view(row) : null;
}

export interface DraftInput {
  /** Start from a built-in template (copied), or give a whole definition. */
  template?: string | undefined;
  definition?: unknown;
}

/** A new product (version 1) or a new draft version of an existing code. */
export async function saveDraft(
  deps: Deps,
  ctx: ActorContext,
  input: DraftInput,
): Promise<ProductVersionView> {
  let definition: ProductTemplate;
  let basedOn: string | null = null;
  if (input.definition !== undefined) {
    definition = validDefinition(input.definition);
    basedOn = input.template ?? null;
  } else if (input.template) {
    const template = PRODUCT_TEMPLATES.find((t) => t.code === input.template);
    if (!template) throw Problem.badRequest('template', `no built-in template ${input.template}`);
    definition = structuredClone(template);
    basedOn = template.code;
  } else {
    throw Problem.badRequest('definition', 'give a template code or a definition');
  }
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const existing = await repo.versionsOf(tx, definition.code);
    if (existing.some((v) => v.status === 'draft')) {
      throw Problem.conflict(
        'draft-exists',
        `Product ${definition.code} already has a draft; edit or discard it first`,
        'definition.code',
      );
    }
    const version = (existing[0]?.version ?? 0) + 1;
    const stored = { ...definition, version };
    const row = await repo.insertVersion(tx, {
      id: randomUUID(),
      code: stored.code,
      version,
      status: 'draft',
      nameEn: stored.name.en,
      nameZh: stored.name['zh-CN'],
      definition: stored,
      basedOn,
      createdBy: ctx.actorId,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'product.draft_created',
      entityType: 'product',
      entityId: `${row.code}@${row.version}`,
      after: { basedOn, definition: stored },
    });
    return view(row);
  });
}

/** Replace a draft's definition (the code and version stay). */
export async function updateDraft(
  deps: Deps,
  ctx: ActorContext,
  code: string,
  version: number,
  definitionInput: unknown,
): Promise<ProductVersionView> {
  const definition = validDefinition(definitionInput);
  if (definition.code !== code) throw Problem.badRequest('definition.code', `must stay ${code}`);
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.findVersion(tx, code, version);
    if (!row) throw Problem.notFound(`Product ${code} version ${version}`);
    if (row.status !== 'draft')
      throw Problem.conflict('not-a-draft', 'Only a draft can be changed; create a new version instead');
    const stored = { ...definition, version };
    const updated = await repo.updateDraftDefinition(tx, row.id, {
      nameEn: stored.name.en,
      nameZh: stored.name['zh-CN'],
      definition: stored,
    });
    await recordAudit(tx, ctx, now, {
      action: 'product.draft_updated',
      entityType: 'product',
      entityId: `${code}@${version}`,
      before: { definition: row.definition },
      after: { definition: stored },
    });
    return view(updated);
  });
}

export async function activate(
  deps: Deps,
  ctx: ActorContext,
  code: string,
  version: number,
): Promise<ProductVersionView> {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.findVersion(tx, code, version);
    if (!row) throw Problem.notFound(`Product ${code} version ${version}`);
    if (row.status !== 'draft')
      throw Problem.conflict(
        'not-a-draft',
        `Version ${version} is ${row.status}; only a draft can be activated`,
      );
    const previous = await repo.findActive(tx, code);
    if (previous) await repo.setStatus(tx, previous.id, { status: 'retired', retiredAt: now });
    const active = await repo.setStatus(tx, row.id, { status: 'active', activatedAt: now });
    await recordAudit(tx, ctx, now, {
      action: 'product.activated',
      entityType: 'product',
      entityId: `${code}@${version}`,
      before: previous ? { activeVersion: previous.version } : null,
      after: { activeVersion: version },
    });
    return view(active);
  });
}

export async function discardDraft(
  deps: Deps,
  ctx: ActorContext,
  code: string,
  version: number,
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const row = await repo.findVersion(tx, code, version);
    if (!row) throw Problem.notFound(`Product ${code} version ${version}`);
    if (row.status !== 'draft') throw Problem.conflict('not-a-draft', 'Only a draft can be discarded');
    await repo.deleteDraft(tx, row.id);
    await recordAudit(tx, ctx, deps.now(), {
      action: 'product.draft_discarded',
      entityType: 'product',
      entityId: `${code}@${version}`,
    });
  });
}

/** Demo and first-start catalogue: every built-in template, active as version 1. */
export async function installBuiltInProducts(deps: Deps, ctx: ActorContext): Promise<number> {
  let n = 0;
  for (const t of PRODUCT_TEMPLATES) {
    if ((await repo.versionsOf(deps.database.db, t.code)).length) continue;
    const draft = await saveDraft(deps, ctx, { template: t.code });
    await activate(deps, ctx, draft.code, draft.version);
    n++;
  }
  return n;
}
