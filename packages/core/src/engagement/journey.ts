// Journeys: a trigger starts a run for a customer; the run walks a list of steps (send a
// message, wait, branch on a condition, create a staff task, open a ticket, add to a survey
// wave). The walk is pure: given the definition, where the run is, the facts and the time, it
// says which actions to take and where the run waits next. The server executes the actions.
import type { MessageChannel, MessagePurpose, TriggerType } from './vocabulary.ts';

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | {
      fact: string;
      op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'contains' | 'exists';
      value?: unknown;
    };

export interface JourneyTrigger {
  type: TriggerType;
  /** For payment.due_soon and graduation.approaching / grace.ending: how many days ahead. */
  daysBefore?: number | undefined;
  /** Only events (and customers) for which this holds start a run. */
  condition?: Condition | undefined;
  /** `event`: one run per triggering event; `customer`: at most one active run per customer. */
  dedupe?: 'event' | 'customer' | undefined;
}

export type JourneyStep =
  | {
      id: string;
      kind: 'send';
      template: string;
      channel?: MessageChannel | 'preferred' | undefined;
      purpose: MessagePurpose;
      legallyRequired?: boolean | undefined;
    }
  | { id: string; kind: 'wait'; days?: number | undefined; hours?: number | undefined }
  | { id: string; kind: 'branch'; condition: Condition; then: string; else: string }
  | { id: string; kind: 'task'; title: string; dueInDays?: number | undefined; queue?: string | undefined }
  | { id: string; kind: 'ticket'; subject: string }
  | { id: string; kind: 'survey'; wave: string }
  | { id: string; kind: 'goto'; to: string }
  | { id: string; kind: 'end' };

export interface JourneyDefinition {
  triggers: JourneyTrigger[];
  steps: JourneyStep[];
}

/** Where a run stands: the next step to take, and the wait it is in, if any. */
export interface RunPosition {
  stepIndex: number;
  waitingOn: string | null;
}

export type JourneyAction =
  | { kind: 'send'; step: Extract<JourneyStep, { kind: 'send' }> }
  | { kind: 'task'; step: Extract<JourneyStep, { kind: 'task' }> }
  | { kind: 'ticket'; step: Extract<JourneyStep, { kind: 'ticket' }> }
  | { kind: 'survey'; step: Extract<JourneyStep, { kind: 'survey' }> };

export interface StepResult {
  actions: JourneyAction[];
  /** Steps taken, for the run's history (branch outcomes included). */
  trail: { stepId: string; kind: JourneyStep['kind']; note?: string }[];
  position: RunPosition;
  /** Wake the run at this instant; null when it is done. */
  wakeAt: Date | null;
  done: boolean;
}

/** The end pseudo-target of a branch or goto. */
export const END = 'end';
/** A run takes at most this many steps per wake-up: a goto loop without a wait stops here. */
export const MAX_STEPS_PER_WAKE = 50;

export type Facts = Record<string, unknown>;

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'number' && a.trim() !== '' && Number.isFinite(Number(a)))
    return Number(a) - b;
  return null;
}

export function evaluate(c: Condition, facts: Facts): boolean {
  if ('all' in c) return c.all.every((x) => evaluate(x, facts));
  if ('any' in c) return c.any.some((x) => evaluate(x, facts));
  if ('not' in c) return !evaluate(c.not, facts);
  const v = facts[c.fact];
  switch (c.op) {
    case 'exists':
      return v !== undefined && v !== null;
    case 'eq':
      return v === c.value;
    case 'ne':
      return v !== c.value;
    case 'in':
      return Array.isArray(c.value) && c.value.includes(v);
    case 'contains':
      return Array.isArray(v)
        ? v.includes(c.value)
        : typeof v === 'string' && typeof c.value === 'string' && v.includes(c.value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const d = compare(v, c.value);
      if (d === null) return false;
      return c.op === 'gt' ? d > 0 : c.op === 'gte' ? d >= 0 : c.op === 'lt' ? d < 0 : d <= 0;
    }
  }
}

/** Facts a condition may name: the customer's, the run's, and the triggering event's payload. */
export const JOURNEY_FACTS = [
  'customer.status',
  'customer.language',
  'customer.country',
  'customer.tags',
  'customer.age',
  'customer.educationLevel',
  'customer.economicStatus',
  'customer.creditRecord',
  'customer.loanNeed',
  'customer.enrolmentStatus',
  'run.group',
  'run.paid',
  'run.missed',
  'run.daysSinceStart',
] as const;

function conditionFacts(c: Condition, out: string[] = []): string[] {
  if ('all' in c) c.all.forEach((x) => conditionFacts(x, out));
  else if ('any' in c) c.any.forEach((x) => conditionFacts(x, out));
  else if ('not' in c) conditionFacts(c.not, out);
  else out.push(c.fact);
  return out;
}

export function isKnownFact(f: string): boolean {
  return (JOURNEY_FACTS as readonly string[]).includes(f) || /^event\.[a-zA-Z][a-zA-Z0-9_]*$/.test(f);
}

/** Structural problems of a definition, as `field: message` pairs with JSON-ish paths. */
export function checkJourney(def: JourneyDefinition): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const ids = new Map<string, number>();
  def.steps.forEach((s, i) => {
    if (ids.has(s.id)) errors.push({ field: `steps.${i}.id`, message: `duplicates step ${s.id}` });
    ids.set(s.id, i);
  });
  const target = (to: string, field: string) => {
    if (to !== END && !ids.has(to)) errors.push({ field, message: `names no step (${to})` });
  };
  def.steps.forEach((s, i) => {
    if (s.kind === 'branch') {
      target(s.then, `steps.${i}.then`);
      target(s.else, `steps.${i}.else`);
      for (const f of conditionFacts(s.condition))
        if (!isKnownFact(f)) errors.push({ field: `steps.${i}.condition`, message: `unknown fact ${f}` });
    }
    if (s.kind === 'goto') target(s.to, `steps.${i}.to`);
    if (s.kind === 'wait' && !(s.days ?? 0) && !(s.hours ?? 0))
      errors.push({ field: `steps.${i}`, message: 'a wait needs days or hours' });
  });
  // A loop back must pass a wait, or one wake-up would spin until the step limit.
  def.steps.forEach((s, i) => {
    const to = s.kind === 'goto' ? [s.to] : s.kind === 'branch' ? [s.then, s.else] : [];
    for (const t of to) {
      const j = ids.get(t);
      if (j !== undefined && j <= i && !def.steps.slice(j, i + 1).some((x) => x.kind === 'wait')) {
        errors.push({ field: `steps.${i}`, message: `loops back to ${t} without a wait` });
      }
    }
  });
  def.triggers.forEach((t, i) => {
    if (t.condition)
      for (const f of conditionFacts(t.condition))
        if (!isKnownFact(f)) errors.push({ field: `triggers.${i}.condition`, message: `unknown fact ${f}` });
  });
  if (def.triggers.length === 0) errors.push({ field: 'triggers', message: 'needs at least one trigger' });
  return errors;
}

/** Walk a run from its position until it waits or ends. */
export function advanceRun(
  def: JourneyDefinition,
  position: RunPosition,
  facts: Facts,
  now: Date,
): StepResult {
  const index = new Map(def.steps.map((s, i) => [s.id, i]));
  const actions: JourneyAction[] = [];
  const trail: StepResult['trail'] = [];
  let i = position.stepIndex;
  let waitingOn = position.waitingOn;
  for (let n = 0; n < MAX_STEPS_PER_WAKE; n++) {
    const step = def.steps[i];
    if (!step || step.kind === 'end') {
      if (step) trail.push({ stepId: step.id, kind: 'end' });
      return { actions, trail, position: { stepIndex: i, waitingOn: null }, wakeAt: null, done: true };
    }
    const jump = (to: string) => (to === END ? def.steps.length : index.get(to)!);
    switch (step.kind) {
      case 'wait': {
        if (waitingOn === step.id) {
          // Woken: the wait is over.
          waitingOn = null;
          trail.push({ stepId: step.id, kind: 'wait', note: 'waited' });
          i++;
          break;
        }
        const ms = ((step.days ?? 0) * 24 + (step.hours ?? 0)) * 3600_000;
        return {
          actions,
          trail,
          position: { stepIndex: i, waitingOn: step.id },
          wakeAt: new Date(now.getTime() + ms),
          done: false,
        };
      }
      case 'branch': {
        const yes = evaluate(step.condition, facts);
        trail.push({
          stepId: step.id,
          kind: 'branch',
          note: yes ? `then → ${step.then}` : `else → ${step.else}`,
        });
        i = jump(yes ? step.then : step.else);
        break;
      }
      case 'goto':
        trail.push({ stepId: step.id, kind: 'goto', note: `→ ${step.to}` });
        i = jump(step.to);
        break;
      case 'send':
      case 'task':
      case 'ticket':
      case 'survey':
        actions.push({ kind: step.kind, step } as JourneyAction);
        trail.push({ stepId: step.id, kind: step.kind });
        i++;
        break;
    }
  }
  // Step limit reached without a wait: stop here and continue at the next wake-up.
  return {
    actions,
    trail,
    position: { stepIndex: i, waitingOn: null },
    wakeAt: new Date(now.getTime() + 60_000),
    done: false,
  };
}
