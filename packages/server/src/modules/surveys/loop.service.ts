// The closed loop: a low score or a detractor opens a follow-up ticket at the service desk (with
// its SLA) in the transaction that records the answer; staff record the follow-up's result;
// improvement actions are logged against findings, and a verification wave to a comparable group
// shows before vs after with significance.
import { randomUUID } from 'node:crypto';
import { followUpReason, questionByRole, type Answers, type SurveyDefinition } from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { openTicket } from '../service-desk/index.ts';
import { compareWaveIds, type WaveComparison } from './reports.service.ts';
import * as repo from './surveys.repository.ts';
import { createWaveWithin, openWave, type WaveView } from './waves.service.ts';

const TICKET_CHANNEL = { online: 'portal', phone: 'phone', paper: 'walk_in' } as const;

export async function openFollowUpIfNeeded(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  s: { response: repo.ResponseRow; def: SurveyDefinition; wave: repo.WaveRow },
): Promise<repo.FollowUpRow | null> {
  const answers = s.response.answers as Answers;
  const reason = followUpReason(s.def, answers);
  if (!reason) return null;
  const overall = questionByRole(s.def, 'overall');
  const npsQ = questionByRole(s.def, 'nps');
  const comment = questionByRole(s.def, 'comment');
  const lines = [
    `Survey wave ${s.wave.code} (${s.wave.name}): ${reason === 'low-score' ? 'low overall satisfaction' : 'detractor'}.`,
    overall && typeof answers[overall.id] === 'number'
      ? `Overall satisfaction: ${String(answers[overall.id])}/5`
      : null,
    npsQ && typeof answers[npsQ.id] === 'number'
      ? `Likelihood to recommend: ${String(answers[npsQ.id])}/10`
      : null,
    comment && typeof answers[comment.id] === 'string' ? `Comment: ${String(answers[comment.id])}` : null,
    'Please call the customer back, listen, fix what can be fixed and record the result on the closed-loop board.',
  ].filter(Boolean);
  const ticket = await openTicket(tx, deps, ctx, {
    customerId: s.response.customerId,
    type: 'complaint',
    subject: `Survey follow-up · 满意度回访: ${reason === 'low-score' ? 'low score · 低分' : 'detractor · 贬损者'}`,
    body: lines.join('\n'),
    channel: TICKET_CHANNEL[s.response.mode],
    source: { kind: 'survey-response', id: s.response.id },
  });
  const now = deps.now();
  const f = await repo.insertFollowUp(tx, {
    id: randomUUID(),
    responseId: s.response.id,
    waveId: s.wave.id,
    customerId: s.response.customerId,
    reason,
    ticketId: ticket.id,
    ticketReference: ticket.reference,
    status: 'open',
    createdAt: now,
  });
  await recordAudit(tx, ctx, now, {
    action: 'survey.follow_up_opened',
    entityType: 'survey_follow_up',
    entityId: f.id,
    after: { reason, ticket: ticket.reference },
  });
  return f;
}

export interface FollowUpView {
  id: string;
  waveId: string;
  waveCode: string;
  customerId: string;
  reason: 'low-score' | 'detractor';
  ticketId: string | null;
  ticketReference: string | null;
  status: 'open' | 'closed';
  outcome: 'resolved' | 'unresolved' | 'no-contact' | null;
  result: string | null;
  closedBy: string | null;
  closedAt: string | null;
  createdAt: string;
}

export async function listFollowUps(deps: Deps): Promise<FollowUpView[]> {
  const db = deps.database.db;
  const waves = new Map((await repo.allWaves(db)).map((w) => [w.id, w.code]));
  return (await repo.allFollowUps(db, 500)).map((f) => followUpView(f, waves.get(f.waveId) ?? ''));
}

function followUpView(f: repo.FollowUpRow, waveCode: string): FollowUpView {
  return {
    id: f.id,
    waveId: f.waveId,
    waveCode,
    customerId: f.customerId,
    reason: f.reason,
    ticketId: f.ticketId,
    ticketReference: f.ticketReference,
    status: f.status,
    outcome: f.outcome,
    result: f.result,
    closedBy: f.closedBy,
    closedAt: f.closedAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
  };
}

export async function recordFollowUpResult(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: { outcome: 'resolved' | 'unresolved' | 'no-contact'; result: string },
): Promise<FollowUpView> {
  return deps.database.db.transaction(async (tx) => {
    const f = await repo.findFollowUp(tx, id, true);
    if (!f) throw Problem.notFound('Follow-up');
    if (f.status === 'closed') throw Problem.conflict('follow-up-closed', 'the result is already recorded');
    const now = deps.now();
    const updated = await repo.updateFollowUp(tx, id, {
      status: 'closed',
      outcome: input.outcome,
      result: input.result,
      closedBy: ctx.actorName,
      closedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'survey.follow_up_closed',
      entityType: 'survey_follow_up',
      entityId: id,
      before: { status: 'open' },
      after: { status: 'closed', outcome: input.outcome },
    });
    const wave = await repo.findWave(tx, f.waveId);
    return followUpView(updated, wave?.code ?? '');
  });
}

export interface ActionView {
  id: string;
  surveyId: string;
  baselineWaveId: string;
  dimension: string | null;
  finding: string;
  action: string;
  owner: string;
  dueOn: string;
  status: 'planned' | 'in_progress' | 'done';
  doneAt: string | null;
  verificationWaveId: string | null;
  createdAt: string;
}

function actionView(a: repo.ActionRow): ActionView {
  return {
    id: a.id,
    surveyId: a.surveyId,
    baselineWaveId: a.baselineWaveId,
    dimension: a.dimension,
    finding: a.finding,
    action: a.action,
    owner: a.owner,
    dueOn: a.dueOn,
    status: a.status,
    doneAt: a.doneAt?.toISOString() ?? null,
    verificationWaveId: a.verificationWaveId,
    createdAt: a.createdAt.toISOString(),
  };
}

export async function listActions(deps: Deps): Promise<ActionView[]> {
  return (await repo.allActions(deps.database.db)).map(actionView);
}

export interface ActionInput {
  baselineWaveId: string;
  dimension?: string | undefined;
  finding: string;
  action: string;
  owner: string;
  dueOn: string;
}

export async function createAction(deps: Deps, ctx: ActorContext, input: ActionInput): Promise<ActionView> {
  return deps.database.db.transaction(async (tx) => {
    const wave = await repo.findWave(tx, input.baselineWaveId);
    if (!wave) throw Problem.badRequest('baselineWaveId', 'no such wave');
    if (input.dimension) {
      const def = (await repo.findVersion(tx, wave.versionId))!.definition as SurveyDefinition;
      if (!def.dimensions.some((d) => d.code === input.dimension))
        throw Problem.badRequest('dimension', 'the wave’s survey has no such dimension');
    }
    const now = deps.now();
    const a = await repo.insertAction(tx, {
      id: randomUUID(),
      surveyId: wave.surveyId,
      baselineWaveId: wave.id,
      dimension: input.dimension ?? null,
      finding: input.finding,
      action: input.action,
      owner: input.owner,
      dueOn: input.dueOn,
      status: 'planned',
      createdBy: ctx.actorName,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'survey.action_created',
      entityType: 'survey_action',
      entityId: a.id,
      after: { finding: a.finding, owner: a.owner, dueOn: a.dueOn },
    });
    return actionView(a);
  });
}

export async function setActionStatus(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  status: 'planned' | 'in_progress' | 'done',
): Promise<ActionView> {
  return deps.database.db.transaction(async (tx) => {
    const a = await repo.findAction(tx, id, true);
    if (!a) throw Problem.notFound('Improvement action');
    const now = deps.now();
    const updated = await repo.updateAction(tx, id, {
      status,
      doneAt: status === 'done' ? (a.doneAt ?? now) : null,
    });
    await recordAudit(tx, ctx, now, {
      action: 'survey.action_status',
      entityType: 'survey_action',
      entityId: id,
      before: { status: a.status },
      after: { status },
    });
    return actionView(updated);
  });
}

/**
 * Once an action is done, a verification wave goes to a comparable group: the baseline wave's
 * segment (or trigger), version, channel and sampling, leaving out the customers the baseline
 * already asked, so the two samples are independent (as the tests assume).
 */
export async function startVerification(
  deps: Deps,
  ctx: ActorContext,
  actionId: string,
  input: { code: string; name: string },
): Promise<WaveView> {
  const db = deps.database.db;
  const { wave, exclude } = await db.transaction(async (tx) => {
    const a = await repo.findAction(tx, actionId, true);
    if (!a) throw Problem.notFound('Improvement action');
    if (a.status !== 'done') throw Problem.conflict('action-not-done', 'verify an action once it is done');
    if (a.verificationWaveId)
      throw Problem.conflict('action-verified', 'this action already has a verification wave');
    const base = (await repo.findWave(tx, a.baselineWaveId))!;
    // The latest published version of the survey: a later version keeps the dimension codes comparable.
    const published = (await repo.versionsOf(tx, [base.surveyId])).find((v) => v.status === 'published');
    const w = await createWaveWithin(tx, deps, ctx, {
      code: input.code,
      name: input.name,
      versionId: published?.id ?? base.versionId,
      kind: base.kind,
      segmentId: base.segmentId ?? undefined,
      triggerEvent: base.triggerEvent ?? undefined,
      channel: base.channel,
      sampleRate: base.sampleRate,
      quotaField: (base.quotaField ?? undefined) as 'studyLevel' | undefined,
      quotaPerGroup: base.quotaPerGroup ?? undefined,
      reminderAfterDays: base.reminderAfterDays,
      maxReminders: base.maxReminders,
      verifiesActionId: a.id,
    });
    await repo.updateAction(tx, a.id, { verificationWaveId: w.id });
    const invited = new Set((await repo.invitationsOfWave(tx, base.id)).map((i) => i.customerId));
    return { wave: w, exclude: invited };
  });
  return openWave(deps, ctx, wave.id, { exclude });
}

export async function actionVerification(
  deps: Deps,
  actionId: string,
): Promise<{ action: ActionView; comparison: WaveComparison | null }> {
  const a = await repo.findAction(deps.database.db, actionId);
  if (!a) throw Problem.notFound('Improvement action');
  return {
    action: actionView(a),
    comparison: a.verificationWaveId
      ? await compareWaveIds(deps, a.baselineWaveId, a.verificationWaveId)
      : null,
  };
}
