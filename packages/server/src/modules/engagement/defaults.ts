// Built-in templates (active; regulated ones approved as shipped) and journeys (off until a
// lender switches them on), installed idempotently.
import { randomUUID } from 'node:crypto';
import { placeholdersOf } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { recordAudit } from '../audit/index.ts';
import { BUILT_IN_TEMPLATES } from './builtin.ts';
import * as repo from './engagement.repository.ts';
import { installBuiltInJourneys } from './journeys.service.ts';

export async function installBuiltInTemplates(deps: Deps, ctx: ActorContext): Promise<number> {
  let n = 0;
  await deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    for (const t of BUILT_IN_TEMPLATES) {
      if (await repo.latestTemplate(tx, t.code, t.language)) continue;
      const row = await repo.insertTemplate(tx, {
        id: randomUUID(),
        code: t.code,
        language: t.language,
        version: 1,
        category: t.category,
        purpose: t.purpose,
        name: t.name,
        subject: t.subject ?? null,
        body: t.body,
        shortBody: t.shortBody ?? null,
        variables: [...new Set([t.subject ?? '', t.body, t.shortBody ?? ''].flatMap(placeholdersOf))],
        status: 'active',
        createdBy: 'Bursar (built-in)',
        createdAt: at,
        activatedAt: at,
        ...(t.category === 'regulated'
          ? { approvedBy: 'Bursar (built-in, review before use)', approvedAt: at }
          : {}),
      });
      await recordAudit(tx, ctx, at, {
        action: 'template.installed',
        entityType: 'template',
        entityId: row.id,
        after: { code: t.code, language: t.language, category: t.category },
      });
      n++;
    }
  });
  return n;
}

export async function installEngagementDefaults(
  deps: Deps,
  ctx: ActorContext,
  opts: { enableJourneys?: string[] } = {},
): Promise<void> {
  await installBuiltInTemplates(deps, ctx);
  await installBuiltInJourneys(deps, ctx, opts.enableJourneys ?? []);
}
