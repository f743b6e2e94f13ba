// Responding: the public page opens an invitation by its signed link, saves partial answers and
// submits once; staff key in phone and paper interviews. A submitted answer that calls for a
// follow-up opens a service-desk ticket in the same transaction (the closed loop).
import { randomUUID } from 'node:crypto';
import { checkAnswers, type Answers, type Bilingual, type SurveyDefinition } from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem, validationProblem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { invitationOfToken } from './links.ts';
import { openFollowUpIfNeeded } from './loop.service.ts';
import * as repo from './surveys.repository.ts';
import { inviteWithin } from './waves.service.ts';

export interface PublicSurvey {
  surveyName: Bilingual;
  waveName: string;
  language: 'en' | 'zh-CN';
  status: 'open' | 'completed' | 'closed';
  definition: SurveyDefinition;
  answers: Answers;
}

const linkInvalid = () =>
  new Problem(404, 'survey-link-invalid', 'Survey link not valid', 'This survey link is not valid.');

async function invitationByToken(tx: Executor, deps: Deps, token: string, forUpdate = false) {
  const id = invitationOfToken(deps, token);
  const inv = id ? await repo.findInvitation(tx, id, forUpdate) : undefined;
  if (!inv) throw linkInvalid();
  const wave = (await repo.findWave(tx, inv.waveId))!;
  const version = (await repo.findVersion(tx, wave.versionId))!;
  const survey = (await repo.findSurvey(tx, wave.surveyId))!;
  return { inv, wave, version, survey };
}

export async function openByToken(deps: Deps, token: string): Promise<PublicSurvey> {
  const db = deps.database.db;
  const { inv, wave, version, survey } = await invitationByToken(db, deps, token);
  const response = await repo.responseOf(db, inv.id);
  return {
    surveyName: survey.name as Bilingual,
    waveName: wave.name,
    language: inv.language === 'en' ? 'en' : 'zh-CN',
    status: inv.status === 'completed' ? 'completed' : wave.status === 'open' ? 'open' : 'closed',
    definition: version.definition as SurveyDefinition,
    answers: response?.status === 'partial' ? (response.answers as Answers) : {},
  };
}

export interface SaveInput {
  answers: Answers;
  submit: boolean;
  language?: 'en' | 'zh-CN' | undefined;
}

/** Save partial answers or submit, through the signed link. */
export async function answerByToken(
  deps: Deps,
  ctx: ActorContext,
  token: string,
  input: SaveInput,
): Promise<{ status: 'partial' | 'complete' }> {
  return deps.database.db.transaction(async (tx) => {
    const { inv, wave, version } = await invitationByToken(tx, deps, token, true);
    if (inv.status === 'completed')
      throw Problem.conflict('survey-already-answered', 'This survey has already been answered. Thank you!');
    if (wave.status !== 'open') throw Problem.conflict('survey-closed', 'This survey is closed.');
    return saveWithin(
      tx,
      deps,
      ctx,
      { inv, wave, def: version.definition as SurveyDefinition },
      input,
      'online',
    );
  });
}

async function saveWithin(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  s: { inv: repo.InvitationRow; wave: repo.WaveRow; def: SurveyDefinition },
  input: SaveInput,
  mode: 'online' | 'phone' | 'paper',
): Promise<{ status: 'partial' | 'complete' }> {
  const { errors, clean } = checkAnswers(s.def, input.answers, input.submit);
  if (errors.length) throw validationProblem(errors);
  const now = deps.now();
  const status = input.submit ? 'complete' : 'partial';
  const existing = await repo.responseOf(tx, s.inv.id, true);
  const language = input.language ?? (s.inv.language === 'en' ? 'en' : 'zh-CN');
  const response = existing
    ? await repo.updateResponse(tx, existing.id, {
        answers: clean,
        status,
        language,
        completedAt: input.submit ? now : null,
      })
    : await repo.insertResponse(tx, {
        id: randomUUID(),
        invitationId: s.inv.id,
        waveId: s.wave.id,
        customerId: s.inv.customerId,
        status,
        answers: clean,
        mode,
        enteredBy: mode === 'online' ? null : ctx.actorName,
        language,
        startedAt: now,
        completedAt: input.submit ? now : null,
      });
  await repo.updateInvitation(tx, s.inv.id, { status: input.submit ? 'completed' : 'started' });
  if (input.submit) {
    await recordAudit(tx, ctx, now, {
      action: 'survey.response_submitted',
      entityType: 'survey_response',
      entityId: response.id,
      after: { waveId: s.wave.id, customerId: s.inv.customerId, mode },
    });
    await openFollowUpIfNeeded(tx, deps, ctx, { response, def: s.def, wave: s.wave });
  }
  return { status };
}

/** Staff key in a completed phone or paper interview for a customer. */
export async function enterResponse(
  deps: Deps,
  ctx: ActorContext,
  waveId: string,
  input: {
    customerId: string;
    mode: 'phone' | 'paper';
    answers: Answers;
    language?: 'en' | 'zh-CN' | undefined;
  },
): Promise<{ responseId: string; followUp: boolean }> {
  return deps.database.db.transaction(async (tx) => {
    const wave = await repo.findWave(tx, waveId, true);
    if (!wave) throw Problem.notFound('Wave');
    if (wave.status !== 'open') throw Problem.conflict('wave-not-open', 'the wave is not open');
    const version = (await repo.findVersion(tx, wave.versionId))!;
    const invited = await inviteWithin(tx, deps, ctx, wave, input.customerId, {
      source: { kind: 'staff', id: ctx.actorId },
      mode: input.mode,
      bypassSampling: true,
    });
    if (!invited.invited && invited.reason === 'unknown-customer')
      throw Problem.badRequest('customerId', 'no such customer');
    const inv = invited.invited
      ? invited.invitation
      : (await repo.invitationsOfWave(tx, waveId)).find((i) => i.customerId === input.customerId)!;
    if (inv.status === 'completed')
      throw Problem.conflict(
        'survey-already-answered',
        'this customer has already answered this wave',
        'customerId',
      );
    await saveWithin(
      tx,
      deps,
      ctx,
      { inv, wave, def: version.definition as SurveyDefinition },
      { ...input, submit: true },
      input.mode,
    );
    const response = (await repo.responseOf(tx, inv.id))!;
    const followUps = await repo.followUpsOfWaves(tx, [waveId]);
    return { responseId: response.id, followUp: followUps.some((f) => f.responseId === response.id) };
  });
}
