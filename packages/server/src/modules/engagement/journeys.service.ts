// Journeys: domain events (from servicing, origination, surveys — or synthetic ones in tests)
// and daily date scans start runs; a scheduler job walks due runs through their steps. Each
// run is handled in its own savepoint, so one broken run does not hold up the others, and every
// effect of a step (message, task) is written in the same transaction as the run's new position:
// a crash repeats nothing and loses nothing.
import { randomUUID } from 'node:crypto';
import {
  advanceRun,
  assignGroup,
  checkJourney,
  evaluate,
  toEpochDay,
  toIsoDate,
  TRIGGER_TYPES,
  type Facts,
  type JourneyDefinition,
  type JourneyStep,
  type TriggerType,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { Problem, validationProblem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import {
  customerContacts,
  customersGraduatingBetween,
  customersWithBirthdayOn,
  publishTimelineEvent,
  segmentMemberIds,
  type CustomerContact,
} from '../customers/index.ts';
import { engagementSettings } from './channels.settings.ts';
import * as repo from './engagement.repository.ts';
import { BUILT_IN_JOURNEYS } from './builtin.ts';
import { enqueueMessage, loanValues } from './outbox.service.ts';
import { createAssignedTask } from './tasks.service.ts';

/** A fact that happened elsewhere: a servicing outbox row, an origination step, a survey wave. */
export interface DomainEvent {
  /** Where it came from (`servicing`, `origination`, `test` …): with `id`, it identifies the event. */
  source: string;
  id: string | number;
  type: string;
  customerId: string | null;
  loanId?: string | null | undefined;
  /** The lender's business date of the event, `YYYY-MM-DD`. */
  businessDate?: string | null | undefined;
  payload: Record<string, unknown>;
}

/** Producers' event names that start the same journeys as ours. */
const TRIGGER_ALIASES: Record<string, TriggerType> = {
  'application.submitted': 'application.submitted',
  'contract.signed': 'contract.signed',
  'loan.disbursed': 'loan.disbursed',
  'tranche.disbursed': 'loan.disbursed',
  'graduation.approaching': 'graduation.approaching',
  'grace.ending': 'grace.ending',
  'payment.due_soon': 'payment.due_soon',
  'payment.missed': 'payment.missed',
  'delinquency.bucket_changed': 'delinquency.bucket_changed',
  'survey.due': 'survey.due',
  'customer.birthday': 'customer.birthday',
  'growth.event.attended': 'growth.event.attended',
};

export function triggerOf(eventType: string): TriggerType | null {
  return TRIGGER_ALIASES[eventType] ?? null;
}

export type ActionHook = (
  tx: Executor,
  deps: Deps,
  a: {
    customerId: string;
    runId: string;
    journeyCode: string;
    step: JourneyStep;
    context: Record<string, unknown>;
  },
) => Promise<string | null>;
const hooks = new Map<'ticket' | 'survey', ActionHook>();

/** Service desk (tickets) and surveys (waves) plug their actions in here; without a hook the step is noted and skipped. */
export function registerJourneyActionHook(kind: 'ticket' | 'survey', hook: ActionHook): () => void {
  hooks.set(kind, hook);
  return () => {
    if (hooks.get(kind) === hook) hooks.delete(kind);
  };
}

function definitionOf(j: repo.JourneyRow): JourneyDefinition {
  return j.definition as JourneyDefinition;
}

function ageOn(dob: string | null, today: string): number | null {
  if (!dob) return null;
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

export function factsOf(
  contact: CustomerContact | undefined,
  context: Record<string, unknown>,
  run: { group: string; outcome: string | null; startedAt: Date } | null,
  now: Date,
): Facts {
  const today = now.toISOString().slice(0, 10);
  const facts: Facts = {};
  for (const [k, v] of Object.entries(context)) facts[`event.${k}`] = v;
  if (contact) {
    Object.assign(facts, {
      'customer.status': contact.status,
      'customer.language': contact.preferredLanguage,
      'customer.country': contact.country,
      'customer.tags': contact.tags,
      'customer.age': ageOn(contact.dateOfBirth, today),
      'customer.educationLevel': contact.classes.educationLevel,
      'customer.economicStatus': contact.classes.economicStatus,
      'customer.creditRecord': contact.classes.creditRecord,
      'customer.loanNeed': contact.classes.loanNeed,
      'customer.enrolmentStatus': contact.enrolment?.status ?? null,
    });
  }
  if (run) {
    facts['run.group'] = run.group;
    facts['run.paid'] = context.paidAt !== undefined && context.paidAt !== null;
    facts['run.missed'] = run.outcome === 'missed';
    facts['run.daysSinceStart'] = Math.floor((now.getTime() - run.startedAt.getTime()) / 86_400_000);
  }
  return facts;
}

function moneyNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (v && typeof v === 'object' && 'minor' in v) return moneyNumber(v.minor);
  if (v && typeof v === 'object' && 'amount' in v) return moneyNumber(v.amount);
  return undefined;
}

/**
 * React to one domain event on the caller's transaction: record payment outcomes for running
 * reminders, then start a run in every enabled journey the event triggers (once per event, or
 * once per customer for per-customer journeys). Returns the runs started.
 */
export async function handleDomainEvent(
  tx: Executor,
  deps: Deps,
  event: DomainEvent,
  at: Date = deps.now(),
): Promise<{ journey: string; runId: string; group: string }[]> {
  const businessDate = event.businessDate ?? at.toISOString().slice(0, 10);
  if (event.loanId && event.type === 'payment.posted')
    await repo.markRunsPaid(tx, event.loanId, businessDate);
  if (event.loanId && event.type === 'payment.missed' && typeof event.payload.dueDate === 'string')
    await repo.markRunsMissed(tx, event.loanId, event.payload.dueDate);
  const trigger = triggerOf(event.type);
  if (!trigger || !event.customerId) return [];
  const journeys = (await repo.enabledJourneys(tx)).filter((j) =>
    definitionOf(j).triggers.some((t) => t.type === trigger),
  );
  if (journeys.length === 0) return [];
  const contact = (await customerContacts(deps, tx, [event.customerId])).get(event.customerId);
  if (!contact) return [];
  const amount = moneyNumber(event.payload.amount);
  const context: Record<string, unknown> = {
    ...event.payload,
    ...(amount !== undefined ? { amount } : {}),
    eventType: event.type,
    businessDate,
    ...(event.loanId ? { loanId: event.loanId } : {}),
  };
  const facts = factsOf(contact, context, null, at);
  const started: { journey: string; runId: string; group: string }[] = [];
  const seed = engagementSettings(deps).holdoutSeed;
  for (const j of journeys) {
    const def = definitionOf(j);
    const t = def.triggers.find((x) => x.type === trigger && (!x.condition || evaluate(x.condition, facts)));
    if (!t) continue;
    if (
      t.daysBefore !== undefined &&
      typeof context.dueDate === 'string' &&
      toEpochDay(context.dueDate) - toEpochDay(businessDate) > t.daysBefore
    )
      continue;
    const group = assignGroup(j.code, event.customerId, j.holdoutPercent, seed);
    const triggerKey =
      t.dedupe === 'customer' ? `customer:${event.customerId}` : `${event.source}:${event.id}`;
    const run = await repo.insertRun(tx, {
      id: randomUUID(),
      journeyId: j.id,
      customerId: event.customerId,
      triggerKey,
      triggerType: trigger,
      loanId: event.loanId ?? null,
      context,
      group,
      state: 'active',
      stepIndex: 0,
      wakeAt: at,
      dueDate: trigger === 'payment.due_soon' && typeof context.dueDate === 'string' ? context.dueDate : null,
      startedAt: at,
      updatedAt: at,
    });
    if (!run) continue;
    started.push({ journey: j.code, runId: run.id, group });
    await publishTimelineEvent(
      tx,
      {
        customerId: event.customerId,
        kind: 'engagement.journey_started',
        summary: `Journey: ${j.name.en} · ${j.name['zh-CN']}${group === 'holdout' ? ' (hold-out: no contact)' : ''}`,
        data: { journeyId: j.id, runId: run.id, group, trigger },
      },
      at,
    );
  }
  return started;
}

/** Walk every due run once (up to `limit`). Returns how many runs moved. */
export async function runDueJourneys(deps: Deps, opts: { limit?: number } = {}): Promise<number> {
  const db = deps.database.db;
  return db.transaction(async (tx) => {
    const now = deps.now();
    const runs = await repo.lockDueRuns(tx, now, opts.limit ?? 100);
    if (runs.length === 0) return 0;
    const contacts = await customerContacts(
      deps,
      tx,
      runs.map((r) => r.customerId),
    );
    const journeys = new Map<string, repo.JourneyRow>();
    for (const r of runs) {
      let j = journeys.get(r.journeyId);
      if (!j) {
        j = (await repo.findJourney(tx, r.journeyId))!;
        journeys.set(r.journeyId, j);
      }
      try {
        await tx.transaction(async (sp) => stepRun(sp, deps, j, r, contacts.get(r.customerId), now));
      } catch (e) {
        await repo.updateRun(tx, r.id, {
          lastError: (e as Error).message.slice(0, 500),
          wakeAt: new Date(now.getTime() + 15 * 60_000),
          updatedAt: now,
        });
      }
    }
    return runs.length;
  });
}

async function stepRun(
  tx: Executor,
  deps: Deps,
  j: repo.JourneyRow,
  run: repo.RunRow,
  contact: CustomerContact | undefined,
  now: Date,
): Promise<void> {
  const def = definitionOf(j);
  if (!j.enabled) {
    await repo.updateRun(tx, run.id, {
      state: 'exited',
      wakeAt: null,
      completedAt: now,
      updatedAt: now,
      triggerKey: `${run.triggerKey}:done:${run.id}`,
      history: [
        ...run.history,
        { at: now.toISOString(), stepId: '-', kind: 'exit', note: 'journey switched off' },
      ],
    });
    return;
  }
  const facts = factsOf(contact, run.context, run, now);
  const r = advanceRun(def, { stepIndex: run.stepIndex, waitingOn: run.waitingOn }, facts, now);
  const history = [...run.history];
  const held = run.group === 'holdout';
  let k = 0;
  for (const step of r.trail) {
    const action = ['send', 'task', 'ticket', 'survey'].includes(step.kind) ? r.actions[k++] : undefined;
    let note = step.note;
    if (action && held) note = 'held out: not contacted';
    else if (action) {
      const seq = history.length;
      switch (action.kind) {
        case 'send': {
          const m = await enqueueMessage(
            tx,
            deps,
            {
              customerId: run.customerId,
              template: action.step.template,
              channel: action.step.channel ?? 'preferred',
              purpose: action.step.purpose,
              legallyRequired: action.step.legallyRequired,
              dedupeKey: `journey:${run.id}:${action.step.id}:${seq}`,
              values: loanValues(run.context),
              source: { kind: 'journey', id: j.code },
              journeyId: j.id,
              journeyRunId: run.id,
            },
            now,
          );
          note =
            m.status === 'queued' ? `message ${m.id} queued (${m.channel})` : `message not sent: ${m.reason}`;
          break;
        }
        case 'task': {
          const due = toIsoDate(toEpochDay(now.toISOString().slice(0, 10)) + (action.step.dueInDays ?? 0));
          const ctx: ActorContext = { ...SYSTEM_ACTOR, actorName: `journey ${j.code}` };
          const t = await createAssignedTask(
            tx,
            deps,
            ctx,
            {
              customerId: run.customerId,
              title: action.step.title,
              dueDate: due,
              queue: action.step.queue ?? j.code,
            },
            now,
          );
          note = `task ${t.id}${t.assigneeId ? ` for ${t.assigneeId}` : ' (unassigned)'}`;
          break;
        }
        case 'ticket':
        case 'survey': {
          const hook = hooks.get(action.kind);
          const ref = hook
            ? await hook(tx, deps, {
                customerId: run.customerId,
                runId: run.id,
                journeyCode: j.code,
                step: action.step,
                context: run.context,
              })
            : null;
          note = hook
            ? `${action.kind} ${ref ?? 'created'}`
            : `no ${action.kind === 'ticket' ? 'service desk' : 'survey'} module installed: skipped`;
          break;
        }
      }
    }
    history.push({ at: now.toISOString(), stepId: step.stepId, kind: step.kind, ...(note ? { note } : {}) });
  }
  await repo.updateRun(tx, run.id, {
    stepIndex: r.position.stepIndex,
    waitingOn: r.position.waitingOn,
    wakeAt: r.wakeAt,
    history,
    lastError: null,
    updatedAt: now,
    ...(r.done
      ? {
          state: 'completed',
          completedAt: now,
          ...(run.triggerKey.startsWith('customer:')
            ? { triggerKey: `${run.triggerKey}:done:${run.id}` }
            : {}),
        }
      : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Event sources and date scans

export interface DomainEventSource {
  name: string;
  /** Events with ids above `afterId`, in id order. */
  after(db: Executor, afterId: number, limit: number): Promise<(DomainEvent & { id: number })[]>;
}
const sources: DomainEventSource[] = [];
const warned = new Set<string>();

/** A producer's outbox engagement polls (servicing's `servicing_events`, say). */
export function registerDomainEventSource(source: DomainEventSource): () => void {
  sources.push(source);
  return () => {
    const i = sources.indexOf(source);
    if (i >= 0) sources.splice(i, 1);
  };
}

/** Read each source past its cursor and handle the events; the cursor moves in the same transaction. */
export async function pollEventSources(deps: Deps, limit = 500): Promise<number> {
  let n = 0;
  for (const s of sources) {
    for (;;) {
      let got: number;
      try {
        got = await deps.database.db.transaction(async (tx) => {
          const at = deps.now();
          const cursor = await repo.lockCursor(tx, `source:${s.name}`, at);
          const events = await s.after(tx, cursor, limit);
          for (const e of events) await handleDomainEvent(tx, deps, e, at);
          if (events.length) await repo.setCursor(tx, `source:${s.name}`, events.at(-1)!.id, at);
          return events.length;
        });
      } catch (e) {
        // One producer's trouble (its table not migrated yet, a bad row) must not stop the others.
        if (!warned.has(s.name))
          console.warn(`engagement: event source ${s.name} failed: ${(e as Error).message}`);
        warned.add(s.name);
        break;
      }
      n += got;
      if (got < limit) break;
    }
  }
  return n;
}

/**
 * Date-based triggers (graduation approaching, birthdays), once per calendar day: the days since
 * the last scan (at most a week back) are scanned, and the cursor moves with the runs started.
 */
export async function scanDateTriggers(
  deps: Deps,
  today: string = deps.now().toISOString().slice(0, 10),
): Promise<number> {
  const journeys = await repo.enabledJourneys(deps.database.db);
  const wanted = journeys.flatMap((j) =>
    definitionOf(j).triggers.filter(
      (t) => t.type === 'graduation.approaching' || t.type === 'customer.birthday',
    ),
  );
  const target = toEpochDay(today);
  let started = 0;
  await deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const last = await repo.lockCursor(tx, 'scan:dates', at);
    if (last >= target) return;
    for (let d = Math.max(last + 1, target - 6); d <= target; d++) {
      const date = toIsoDate(d);
      for (const days of new Set(
        wanted.filter((t) => t.type === 'graduation.approaching').map((t) => t.daysBefore ?? 60),
      )) {
        const on = toIsoDate(d + days);
        for (const c of await customersGraduatingBetween(tx, on, on)) {
          started += (
            await handleDomainEvent(
              tx,
              deps,
              {
                source: 'scan',
                id: `graduation:${c.customerId}:${c.expectedGraduationDate}:${days}`,
                type: 'graduation.approaching',
                customerId: c.customerId,
                businessDate: date,
                payload: { expectedGraduationDate: c.expectedGraduationDate, daysBefore: days },
              },
              at,
            )
          ).length;
        }
      }
      if (wanted.some((t) => t.type === 'customer.birthday')) {
        for (const id of await customersWithBirthdayOn(tx, date)) {
          started += (
            await handleDomainEvent(
              tx,
              deps,
              {
                source: 'scan',
                id: `birthday:${id}:${date.slice(0, 4)}`,
                type: 'customer.birthday',
                customerId: id,
                businessDate: date,
                payload: { date },
              },
              at,
            )
          ).length;
        }
      }
    }
    await repo.setCursor(tx, 'scan:dates', target, at);
  });
  return started;
}

// ---------------------------------------------------------------------------------------------
// Managing journeys

export function journeyView(j: repo.JourneyRow) {
  return {
    id: j.id,
    code: j.code,
    name: j.name,
    description: j.description,
    definition: definitionOf(j),
    enabled: j.enabled,
    holdoutPercent: j.holdoutPercent,
    builtIn: j.builtIn,
    version: j.version,
    createdAt: j.createdAt.toISOString(),
    updatedAt: j.updatedAt.toISOString(),
    updatedBy: j.updatedBy,
  };
}

export interface JourneyInput {
  code: string;
  name: { en: string; 'zh-CN': string };
  description?: string | null | undefined;
  definition: JourneyDefinition;
  holdoutPercent: number;
}

async function checkDefinition(db: Executor, def: JourneyDefinition): Promise<void> {
  const errors = checkJourney(def).map((e) => ({ field: `definition.${e.field}`, message: e.message }));
  for (const [i, s] of def.steps.entries()) {
    if (
      s.kind === 'send' &&
      (await repo.activeTemplates(db, s.template)).length === 0 &&
      (await repo.listTemplates(db, { code: s.template })).length === 0
    ) {
      errors.push({ field: `definition.steps.${i}.template`, message: `no template ${s.template}` });
    }
  }
  for (const [i, t] of def.triggers.entries()) {
    if (!(TRIGGER_TYPES as readonly string[]).includes(t.type))
      errors.push({ field: `definition.triggers.${i}.type`, message: 'unknown trigger' });
  }
  if (errors.length) throw validationProblem(errors);
}

export async function listJourneys(deps: Deps) {
  return (await repo.listJourneys(deps.database.db)).map(journeyView);
}

export async function getJourney(deps: Deps, id: string) {
  const j = await repo.findJourney(deps.database.db, id);
  if (!j) throw Problem.notFound('Journey');
  return journeyView(j);
}

export async function createJourney(deps: Deps, ctx: ActorContext, input: JourneyInput) {
  await checkDefinition(deps.database.db, input.definition);
  return deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const j = await repo.insertJourney(tx, {
      id: randomUUID(),
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      definition: input.definition,
      holdoutPercent: input.holdoutPercent,
      enabled: false,
      createdAt: at,
      updatedAt: at,
      updatedBy: ctx.actorName,
    });
    if (!j) throw Problem.conflict('journey-exists', `A journey ${input.code} exists`, 'code');
    await recordAudit(tx, ctx, at, {
      action: 'journey.created',
      entityType: 'journey',
      entityId: j.id,
      after: journeyView(j),
    });
    return journeyView(j);
  });
}

export async function updateJourney(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: Partial<Omit<JourneyInput, 'code'>> & { enabled?: boolean | undefined },
) {
  if (input.definition) await checkDefinition(deps.database.db, input.definition);
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.findJourney(tx, id);
    if (!before) throw Problem.notFound('Journey');
    const at = deps.now();
    const after = await repo.updateJourney(tx, id, {
      ...(input.name ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.definition ? { definition: input.definition, version: before.version + 1 } : {}),
      ...(input.holdoutPercent !== undefined ? { holdoutPercent: input.holdoutPercent } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      updatedAt: at,
      updatedBy: ctx.actorName,
    });
    const action =
      input.enabled === true && !before.enabled
        ? 'journey.enabled'
        : input.enabled === false && before.enabled
          ? 'journey.disabled'
          : 'journey.updated';
    await recordAudit(tx, ctx, at, {
      action,
      entityType: 'journey',
      entityId: id,
      before: journeyView(before),
      after: journeyView(after),
    });
    return journeyView(after);
  });
}

/** Enrol customers (or a segment's members) in a journey by hand; once per customer and day. */
export async function enrolInJourney(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: { customerIds?: string[] | undefined; segmentId?: string | undefined },
) {
  const j = await repo.findJourney(deps.database.db, id);
  if (!j) throw Problem.notFound('Journey');
  if (!j.enabled) throw Problem.conflict('journey-disabled', 'Switch the journey on first', 'enabled');
  const ids = [...(input.customerIds ?? [])];
  if (input.segmentId) {
    let after: string | null = null;
    for (;;) {
      const page = await segmentMemberIds(deps, input.segmentId, after, 5000);
      if (!page.length) break;
      ids.push(...page);
      after = page.at(-1)!;
    }
  }
  const day = deps.now().toISOString().slice(0, 10);
  let started = 0;
  const seed = engagementSettings(deps).holdoutSeed;
  await deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const known = await customerContacts(deps, tx, ids);
    for (const customerId of new Set(ids)) {
      if (!known.has(customerId)) continue;
      const run = await repo.insertRun(tx, {
        id: randomUUID(),
        journeyId: j.id,
        customerId,
        triggerKey: `manual:${customerId}:${day}`,
        triggerType: 'manual',
        context: { enrolledBy: ctx.actorName },
        group: assignGroup(j.code, customerId, j.holdoutPercent, seed),
        state: 'active',
        wakeAt: at,
        startedAt: at,
        updatedAt: at,
      });
      if (run) started++;
    }
    await recordAudit(tx, ctx, at, {
      action: 'journey.enrolled',
      entityType: 'journey',
      entityId: id,
      after: { requested: ids.length, started, segmentId: input.segmentId ?? null },
    });
  });
  return { requested: ids.length, started };
}

export function runView(r: repo.RunRow) {
  return {
    id: r.id,
    journeyId: r.journeyId,
    customerId: r.customerId,
    triggerType: r.triggerType,
    loanId: r.loanId,
    group: r.group,
    state: r.state,
    stepIndex: r.stepIndex,
    waitingOn: r.waitingOn,
    wakeAt: r.wakeAt?.toISOString() ?? null,
    outcome: r.outcome,
    dueDate: r.dueDate,
    history: r.history,
    lastError: r.lastError,
    startedAt: r.startedAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}

export async function listRuns(
  deps: Deps,
  f: { journeyId?: string | undefined; customerId?: string | undefined; state?: string | undefined },
  limit: number,
  offset: number,
) {
  return (await repo.listRuns(deps.database.db, f, limit, offset)).map(runView);
}

/** Install (or refresh the definitions of) the built-in journeys, switched off. */
export async function installBuiltInJourneys(
  deps: Deps,
  ctx: ActorContext,
  enable: string[] = [],
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    for (const b of BUILT_IN_JOURNEYS) {
      const j = await repo.insertJourney(tx, {
        id: randomUUID(),
        code: b.code,
        name: b.name,
        description: b.description,
        definition: b.definition,
        holdoutPercent: b.holdoutPercent,
        builtIn: true,
        enabled: enable.includes(b.code),
        createdAt: at,
        updatedAt: at,
        updatedBy: ctx.actorName,
      });
      if (j)
        await recordAudit(tx, ctx, at, {
          action: 'journey.created',
          entityType: 'journey',
          entityId: j.id,
          after: { code: b.code, builtIn: true, enabled: j.enabled },
        });
    }
  });
}
