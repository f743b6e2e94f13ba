// Knowledge base: articles in English and Chinese with categories and versions, search that
// works for both (core's bigram/BM25 index over the published articles), and the answer
// assistant that returns the best passage of the best articles with a link. No external service.
import { randomUUID } from 'node:crypto';
import { bestPassage, TextIndex } from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { deskSettings } from './desk.settings.ts';
import * as repo from './service-desk.repository.ts';
import type { ArticleRow } from './service-desk.repository.ts';

export function articleView(a: ArticleRow) {
  return {
    id: a.id,
    slug: a.slug,
    language: a.language,
    category: a.category,
    title: a.title,
    body: a.body,
    status: a.status,
    version: a.version,
    updatedAt: a.updatedAt.toISOString(),
    updatedBy: a.updatedBy,
  };
}

export async function listArticles(
  deps: Deps,
  f: { status?: string | undefined; language?: string | undefined; category?: string | undefined },
) {
  return (await repo.articles(deps.database.db, f)).map(articleView);
}

export async function getArticle(deps: Deps, id: string, publishedOnly: boolean) {
  const a = await repo.findArticle(deps.database.db, id);
  if (!a || (publishedOnly && a.status !== 'published')) throw Problem.notFound('Article');
  const versions = publishedOnly ? [] : await repo.articleVersions(deps.database.db, id);
  return {
    article: articleView(a),
    versions: versions.map((v) => ({
      version: v.version,
      title: v.title,
      body: v.body,
      category: v.category,
      editedBy: v.editedBy,
      editedAt: v.editedAt.toISOString(),
    })),
  };
}

export interface ArticleInput {
  slug: string;
  language: 'en' | 'zh-CN';
  category: string;
  title: string;
  body: string;
  status?: 'draft' | 'published' | 'archived' | undefined;
}

export async function createArticleWithin(tx: Executor, ctx: ActorContext, input: ArticleInput, at: Date) {
  if (await repo.findArticleBySlug(tx, input.slug, input.language))
    throw Problem.conflict('article-exists', 'An article with this slug and language exists', 'slug');
  const a = await repo.insertArticle(tx, {
    id: randomUUID(),
    slug: input.slug,
    language: input.language,
    category: input.category,
    title: input.title,
    body: input.body,
    status: input.status ?? 'draft',
    version: 1,
    updatedAt: at,
    updatedBy: ctx.actorName,
  });
  await repo.insertArticleVersion(tx, {
    id: randomUUID(),
    articleId: a.id,
    version: 1,
    title: a.title,
    body: a.body,
    category: a.category,
    editedBy: ctx.actorName,
    editedAt: at,
  });
  await recordAudit(tx, ctx, at, {
    action: 'kb.article_created',
    entityType: 'kb_article',
    entityId: a.id,
    after: { slug: a.slug, language: a.language, status: a.status },
  });
  return a;
}

export async function createArticle(deps: Deps, ctx: ActorContext, input: ArticleInput) {
  const at = deps.now();
  return articleView(await deps.database.db.transaction((tx) => createArticleWithin(tx, ctx, input, at)));
}

/** Edit an article: a changed text is a new version (the old one stays readable). */
export async function updateArticle(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: Partial<Omit<ArticleInput, 'slug' | 'language'>>,
) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const a = await repo.findArticle(tx, id);
    if (!a) throw Problem.notFound('Article');
    const textChanged =
      (input.title !== undefined && input.title !== a.title) ||
      (input.body !== undefined && input.body !== a.body) ||
      (input.category !== undefined && input.category !== a.category);
    const version = textChanged ? a.version + 1 : a.version;
    const after = await repo.updateArticle(tx, id, {
      title: input.title ?? a.title,
      body: input.body ?? a.body,
      category: input.category ?? a.category,
      status: input.status ?? a.status,
      version,
      updatedAt: at,
      updatedBy: ctx.actorName,
    });
    if (textChanged)
      await repo.insertArticleVersion(tx, {
        id: randomUUID(),
        articleId: id,
        version,
        title: after.title,
        body: after.body,
        category: after.category,
        editedBy: ctx.actorName,
        editedAt: at,
      });
    await recordAudit(tx, ctx, at, {
      action: 'kb.article_updated',
      entityType: 'kb_article',
      entityId: id,
      before: { version: a.version, status: a.status },
      after: { version, status: after.status },
    });
    return articleView(after);
  });
}

async function publishedIndex(deps: Deps, language?: string) {
  const rows = await repo.articles(deps.database.db, { status: 'published', language });
  return { rows: new Map(rows.map((r) => [r.id, r])), index: new TextIndex(rows) };
}

/** Ranked published articles for a query (both languages unless one is asked for). */
export async function searchArticles(
  deps: Deps,
  q: string,
  opts: { language?: string; limit?: number } = {},
) {
  const { rows, index } = await publishedIndex(deps, opts.language);
  return index.search(q, opts.limit ?? 10).map((h) => {
    const a = rows.get(h.id)!;
    return {
      id: a.id,
      slug: a.slug,
      language: a.language,
      category: a.category,
      title: a.title,
      score: Math.round(h.score * 1000) / 1000,
      passage: bestPassage(a.body, q, index),
    };
  });
}

/**
 * The answer assistant: the best passages of the best-matching articles, each with a link into
 * the help centre. Questions in one language prefer articles in it, falling back to all.
 */
export async function answerQuestion(deps: Deps, question: string, language?: string) {
  const path = deskSettings(deps).helpCentrePath;
  let hits = language ? await searchArticles(deps, question, { language, limit: 3 }) : [];
  if (hits.length === 0) hits = await searchArticles(deps, question, { limit: 3 });
  return {
    question,
    answers: hits.map((h) => ({ ...h, link: `${path}/articles/${h.id}` })),
  };
}
