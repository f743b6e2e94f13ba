// Distribution: waves to a segment, waves fed by events and journeys, and waves staff fill from
// phone and paper interviews. Invitations go out through engagement's outbox with a signed link;
// non-responders are reminded; sampling and quotas keep a wave's size and mix as planned.
import { createHash, randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts, segmentMemberIds, type CustomerContact } from '../customers/index.ts';
import { enqueueMessage, type ActionHook } from '../engagement/index.ts';
import { surveyUrl } from './links.ts';
import * as repo from './surveys.repository.ts';

export const SEGMENT_FIELDS = ['studyLevel', 'school', 'product', 'channel', 'riskGrade'] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];
export type Attributes = Partial<Record<SegmentField, string | null>>;
export type InvitationMode = repo.InvitationRow['mode'];

export interface WaveInput {
  code: string;
  name: string;
  versionId: string;
  kind: 'segment' | 'event' | 'manual';
  segmentId?: string | undefined;
  triggerEvent?: string | undefined;
  channel: 'email' | 'sms' | 'portal' | 'staff';
  sampleRate?: number | undefined;
  quotaField?: SegmentField | undefined;
  quotaPerGroup?: number | undefined;
  reminderAfterDays?: number | undefined;
  maxReminders?: number | undefined;
  closesOn?: string | undefined;
}

export interface WaveView {
  id: string;
  code: string;
  name: string;
  surveyId: string;
  versionId: string;
  kind: WaveInput['kind'];
  segmentId: string | null;
  triggerEvent: string | null;
  channel: WaveInput['channel'];
  status: 'draft' | 'open' | 'closed';
  sampleRate: number;
  quotaField: string | null;
  quotaPerGroup: number | null;
  reminderAfterDays: number;
  maxReminders: number;
  closesOn: string | null;
  verifiesActionId: string | null;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  counts: { invited: number; started: number; completed: number; responseRate: number | null };
}

async function waveView(db: Executor, w: repo.WaveRow): Promise<WaveView> {
  const c = await repo.invitationCounts(db, w.id);
  const invited = Object.values(c).reduce((s, n) => s + n, 0);
  const completed = c.completed ?? 0;
  return {
    id: w.id,
    code: w.code,
    name: w.name,
    surveyId: w.surveyId,
    versionId: w.versionId,
    kind: w.kind,
    segmentId: w.segmentId,
    triggerEvent: w.triggerEvent,
    channel: w.channel,
    status: w.status,
    sampleRate: w.sampleRate,
    quotaField: w.quotaField,
    quotaPerGroup: w.quotaPerGroup,
    reminderAfterDays: w.reminderAfterDays,
    maxReminders: w.maxReminders,
    closesOn: w.closesOn,
    verifiesActionId: w.verifiesActionId,
    openedAt: w.openedAt?.toISOString() ?? null,
    closedAt: w.closedAt?.toISOString() ?? null,
    createdAt: w.createdAt.toISOString(),
    counts: {
      invited,
      started: c.started ?? 0,
      completed,
      responseRate: invited ? completed / invited : null,
    },
  };
}

export async function listWaves(deps: Deps): Promise<WaveView[]> {
  const db = deps.database.db;
  return Promise.all((await repo.allWaves(db)).map((w) => waveView(db, w)));
}

export async function getWave(deps: Deps, id: string): Promise<WaveView> {
  const w = await repo.findWave(deps.database.db, id);
  if (!w) throw Problem.notFound('Wave');
  return waveView(deps.database.db, w);
}

export async function createWaveWithin(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  input: WaveInput & { verifiesActionId?: string },
): Promise<repo.WaveRow> {
  const version = await repo.findVersion(tx, input.versionId);
  if (!version) throw Problem.badRequest('versionId', 'no such survey version');
  if (version.status !== 'published')
    throw Problem.badRequest('versionId', 'publish the version before sending it');
  if (input.kind === 'segment' && !input.segmentId)
    throw Problem.badRequest('segmentId', 'a segment wave needs a segment');
  if (input.kind === 'event' && !input.triggerEvent)
    throw Problem.badRequest('triggerEvent', 'an event wave needs an event');
  if (!!input.quotaField !== !!input.quotaPerGroup)
    throw Problem.badRequest('quotaPerGroup', 'give both a quota field and a quota per group, or neither');
  if (await repo.findWaveByCode(tx, input.code))
    throw Problem.conflict('wave-code-taken', `wave ${input.code} exists`, 'code');
  const now = deps.now();
  const wave = await repo.insertWave(tx, {
    id: randomUUID(),
    code: input.code,
    name: input.name,
    surveyId: version.surveyId,
    versionId: version.id,
    kind: input.kind,
    segmentId: input.segmentId ?? null,
    triggerEvent: input.triggerEvent ?? null,
    channel: input.channel,
    status: 'draft',
    sampleRate: input.sampleRate ?? 1,
    quotaField: input.quotaField ?? null,
    quotaPerGroup: input.quotaPerGroup ?? null,
    reminderAfterDays: input.reminderAfterDays ?? 3,
    maxReminders: input.maxReminders ?? 2,
    closesOn: input.closesOn ?? null,
    verifiesActionId: input.verifiesActionId ?? null,
    createdBy: ctx.actorName,
    createdAt: now,
  });
  await recordAudit(tx, ctx, now, {
    action: 'survey.wave_created',
    entityType: 'survey_wave',
    entityId: wave.id,
    after: { code: wave.code, kind: wave.kind, channel: wave.channel },
  });
  return wave;
}

export async function createWave(deps: Deps, ctx: ActorContext, input: WaveInput): Promise<WaveView> {
  const wave = await deps.database.db.transaction((tx) => createWaveWithin(tx, deps, ctx, input));
  return waveView(deps.database.db, wave);
}

/** In [0, 1): a keyed hash of wave and customer, so the same people are drawn on every rerun. */
function draw(waveId: string, customerId: string): number {
  return createHash('sha256').update(`${waveId}:${customerId}`).digest().readUInt32BE(0) / 2 ** 32;
}

function attributesOf(
  wave: repo.WaveRow,
  contact: CustomerContact,
  mode: InvitationMode,
  given: Attributes,
): Attributes {
  return {
    studyLevel: contact.enrolment?.level ?? contact.classes.educationLevel ?? null,
    school: contact.school ? (contact.school.nameLocal ?? contact.school.name) : null,
    channel: wave.channel === 'staff' ? mode : wave.channel,
    product: null,
    riskGrade: null,
    ...given,
  };
}

export interface InviteOptions {
  source: { kind: string; id?: string | null };
  mode?: InvitationMode;
  attributes?: Attributes;
  /** Staff entering a phone or paper interview bypass sampling and quotas. */
  bypassSampling?: boolean;
  /** Customers not to invite (a verification wave leaves out the baseline's invitees). */
  exclude?: Set<string>;
}

export type InviteOutcome =
  | { invited: true; invitation: repo.InvitationRow }
  | {
      invited: false;
      reason: 'sampled-out' | 'quota-full' | 'already-invited' | 'excluded' | 'unknown-customer';
    };

/** Invite one customer to an open wave, in the caller's transaction, and send the link. */
export async function inviteWithin(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  wave: repo.WaveRow,
  customerId: string,
  opts: InviteOptions,
): Promise<InviteOutcome> {
  if (opts.exclude?.has(customerId)) return { invited: false, reason: 'excluded' };
  if (!opts.bypassSampling && draw(wave.id, customerId) >= wave.sampleRate)
    return { invited: false, reason: 'sampled-out' };
  const contact = (await customerContacts(deps, tx, [customerId])).get(customerId);
  if (!contact) return { invited: false, reason: 'unknown-customer' };
  const mode: InvitationMode = opts.mode ?? (wave.channel === 'staff' ? 'phone' : wave.channel);
  const attributes = attributesOf(wave, contact, mode, opts.attributes ?? {});
  if (!opts.bypassSampling && wave.quotaField && wave.quotaPerGroup) {
    const value = attributes[wave.quotaField as SegmentField] ?? null;
    if ((await repo.countInGroup(tx, wave.id, wave.quotaField, value)) >= wave.quotaPerGroup)
      return { invited: false, reason: 'quota-full' };
  }
  const now = deps.now();
  const invitation = await repo.insertInvitation(tx, {
    id: randomUUID(),
    waveId: wave.id,
    customerId,
    mode,
    status: 'pending',
    attributes,
    language: contact.preferredLanguage === 'en' ? 'en' : 'zh-CN',
    source: opts.source,
    createdAt: now,
  });
  if (!invitation) return { invited: false, reason: 'already-invited' };
  if (mode === 'email' || mode === 'sms' || mode === 'portal') {
    await sendLink(tx, deps, invitation, 'invitation');
    await repo.updateInvitation(tx, invitation.id, { status: 'sent', sentAt: now });
  }
  await recordAudit(tx, ctx, now, {
    action: 'survey.invited',
    entityType: 'survey_invitation',
    entityId: invitation.id,
    after: { waveId: wave.id, customerId, mode },
  });
  return { invited: true, invitation };
}

const COPY = {
  invitation: {
    en: {
      subject: 'How are we doing? A 3-minute survey',
      body: 'Hello {{customer.name}}, please tell us how we are doing: {{survey.url}}',
    },
    'zh-CN': {
      subject: '满意度调查（约3分钟）',
      body: '{{customer.name}}您好，诚邀您参与满意度调查：{{survey.url}}',
    },
  },
  reminder: {
    en: {
      subject: 'Reminder: your feedback matters',
      body: 'Hello {{customer.name}}, there is still time to answer our survey: {{survey.url}}',
    },
    'zh-CN': {
      subject: '提醒：期待您的反馈',
      body: '{{customer.name}}您好，满意度调查仍在进行，欢迎参与：{{survey.url}}',
    },
  },
} as const;

async function sendLink(
  tx: Executor,
  deps: Deps,
  inv: repo.InvitationRow,
  kind: 'invitation' | 'reminder',
): Promise<void> {
  const copy = COPY[kind][inv.language === 'en' ? 'en' : 'zh-CN'];
  await enqueueMessage(tx, deps, {
    customerId: inv.customerId,
    channel: inv.mode as 'email' | 'sms' | 'portal',
    purpose: 'service',
    content: { subject: copy.subject, body: copy.body },
    values: { 'survey.url': surveyUrl(deps, inv.id) },
    dedupeKey: `survey:${inv.id}:${kind}:${inv.remindersSent}`,
    source: { kind: 'survey-invitation', id: inv.id },
  });
}

const PAGE = 500;

/** Open a wave; a segment wave invites the segment's members now (sampled, within quotas). */
export async function openWave(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  opts: { exclude?: Set<string> } = {},
): Promise<WaveView> {
  const db = deps.database.db;
  const wave = await db.transaction(async (tx) => {
    const w = await repo.findWave(tx, id, true);
    if (!w) throw Problem.notFound('Wave');
    if (w.status !== 'draft') throw Problem.conflict('wave-not-draft', `the wave is ${w.status}`);
    const now = deps.now();
    const opened = await repo.updateWave(tx, id, { status: 'open', openedAt: now });
    await recordAudit(tx, ctx, now, {
      action: 'survey.wave_opened',
      entityType: 'survey_wave',
      entityId: id,
      before: { status: 'draft' },
      after: { status: 'open' },
    });
    return opened;
  });
  if (wave.kind === 'segment' && wave.segmentId) {
    // One transaction per page: a large segment does not hold one long transaction.
    let after: string | null = null;
    for (;;) {
      const ids = await segmentMemberIds(deps, wave.segmentId, after, PAGE);
      if (!ids.length) break;
      await db.transaction(async (tx) => {
        for (const customerId of ids)
          await inviteWithin(tx, deps, ctx, wave, customerId, {
            source: { kind: 'segment', id: wave.segmentId },
            ...opts,
          });
      });
      after = ids.at(-1)!;
      if (ids.length < PAGE) break;
    }
  }
  return waveView(db, wave);
}

export async function closeWave(deps: Deps, ctx: ActorContext, id: string): Promise<WaveView> {
  const wave = await deps.database.db.transaction(async (tx) => {
    const w = await repo.findWave(tx, id, true);
    if (!w) throw Problem.notFound('Wave');
    if (w.status === 'closed') return w;
    const now = deps.now();
    const closed = await repo.updateWave(tx, id, { status: 'closed', closedAt: now });
    await recordAudit(tx, ctx, now, {
      action: 'survey.wave_closed',
      entityType: 'survey_wave',
      entityId: id,
      before: { status: w.status },
      after: { status: 'closed' },
    });
    return closed;
  });
  return waveView(deps.database.db, wave);
}

export interface InvitationView {
  id: string;
  customerId: string;
  mode: InvitationMode;
  status: repo.InvitationRow['status'];
  attributes: Attributes;
  sentAt: string | null;
  remindersSent: number;
}

export async function listInvitations(deps: Deps, waveId: string): Promise<InvitationView[]> {
  const rows = await repo.invitationsOfWave(deps.database.db, waveId);
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    mode: r.mode,
    status: r.status,
    attributes: r.attributes as Attributes,
    sentAt: r.sentAt?.toISOString() ?? null,
    remindersSent: r.remindersSent,
  }));
}

/** A staff-added invitee (e.g. a phone interview list); returns the outcome. */
export async function inviteCustomer(
  deps: Deps,
  ctx: ActorContext,
  waveId: string,
  customerId: string,
  mode?: InvitationMode,
): Promise<InviteOutcome> {
  return deps.database.db.transaction(async (tx) => {
    const wave = await repo.findWave(tx, waveId);
    if (!wave) throw Problem.notFound('Wave');
    if (wave.status !== 'open') throw Problem.conflict('wave-not-open', 'open the wave first');
    const out = await inviteWithin(tx, deps, ctx, wave, customerId, {
      source: { kind: 'staff', id: ctx.actorId },
      mode,
      bypassSampling: true,
    });
    if (!out.invited && out.reason === 'unknown-customer')
      throw Problem.badRequest('customerId', 'no such customer');
    return out;
  });
}

/**
 * A domain event (a resolved ticket, a disbursement) adds its customer to every open wave that
 * waits for it. Callers run it in the transaction that recorded the event.
 */
export async function addToTriggeredWaves(
  tx: Executor,
  deps: Deps,
  event: { type: string; customerId: string; id: string; attributes?: Attributes },
): Promise<number> {
  let n = 0;
  for (const wave of await repo.openWavesTriggeredBy(tx, event.type)) {
    const out = await inviteWithin(tx, deps, SYSTEM_ACTOR, wave, event.customerId, {
      source: { kind: event.type, id: event.id },
      ...(event.attributes ? { attributes: event.attributes } : {}),
    });
    if (out.invited) n++;
  }
  return n;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Engagement journeys' "add to a survey wave" step: the step names the wave by code. */
export const journeySurveyHook: ActionHook = async (tx, deps, a) => {
  const wave = await repo.findWaveByCode(tx, a.step.kind === 'survey' ? a.step.wave : '');
  if (!wave || wave.status !== 'open')
    return `wave ${a.step.kind === 'survey' ? a.step.wave : '?'} is not open: skipped`;
  const c = a.context;
  const attributes: Attributes = {};
  const product = str(c.productCode) ?? str(c.product);
  const grade = str(c.riskGrade) ?? str(c.grade);
  if (product) attributes.product = product;
  if (grade) attributes.riskGrade = grade;
  const out = await inviteWithin(tx, deps, SYSTEM_ACTOR, wave, a.customerId, {
    source: { kind: 'journey', id: a.runId },
    attributes,
  });
  return out.invited ? `invitation ${out.invitation.id}` : `not invited (${out.reason})`;
};

/** Remind non-responders of open waves whose last contact is `reminderAfterDays` old. */
export async function sendReminders(deps: Deps): Promise<number> {
  const db = deps.database.db;
  let sent = 0;
  for (const wave of await repo.openWaves(db)) {
    const before = new Date(deps.now().getTime() - wave.reminderAfterDays * 86_400_000);
    const due = await repo.remindable(db, wave.id, before, wave.maxReminders);
    for (const inv of due) {
      await db.transaction(async (tx) => {
        const fresh = await repo.findInvitation(tx, inv.id, true);
        if (!fresh || fresh.status === 'completed' || fresh.remindersSent !== inv.remindersSent) return;
        await sendLink(tx, deps, { ...fresh, remindersSent: fresh.remindersSent + 1 }, 'reminder');
        await repo.updateInvitation(tx, inv.id, {
          remindersSent: fresh.remindersSent + 1,
          lastReminderAt: deps.now(),
        });
        sent++;
      });
    }
  }
  return sent;
}
