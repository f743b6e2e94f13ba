// Close of business (日终批处理) for one business date: phase moves, accrual and billing,
// penalties and late fees, ageing, defaults and charge-offs, notices; then the business date
// advances. Each step commits with its checkpoint in cob_runs, so a run killed at any point
// resumes where it stopped and ends with the same books; a closed date is never run twice,
// and dates cannot be skipped.
import {
  addDays,
  businessCalendar,
  movedDueDays,
  type BusinessCalendar,
  cumulativeDayUnits,
  DAY_COUNT_CONVENTIONS,
  DEFAULT_BUCKETS,
  isValidIsoDate,
  toEpochDay,
  toIsoDate,
  validateBuckets,
  type Bucket,
  type CalendarCode,
  type LoanState,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as cobRepo from './cob.repository.ts';
import { ACCOUNTS } from './ledger.ts';
import { openBusinessDate, writeOffBalances } from './loans.service.ts';
import { plansStep } from './plans.service.ts';
import { repricingStep } from './repricing.service.ts';
import * as repo from './servicing.repository.ts';
import { capitalise, enterRepayment, firstDueAfter, moveState, type MoveContext } from './transitions.ts';

export const COB_STEPS = [
  'phase-moves',
  'repricing',
  'accrue-bill',
  'penalties-fees',
  'delinquency',
  'defaults',
  'plans',
  'notices',
] as const;
export type CobStep = (typeof COB_STEPS)[number];

export interface CobOptions {
  buckets?: readonly Bucket[];
  /** Days after the due date before a late fee is charged. */
  lateFeeDays?: number;
  /** Days ahead of a due date the reminder event is published. */
  dueSoonDays?: number;
  onProgress?: (done: number, total: number, step: string) => void;
  /** Tests: stop (as if the process died) after committing this step. */
  stopAfter?: CobStep;
  ctx?: ActorContext;
}

export interface CobResult {
  businessDate: string;
  nextBusinessDate: string;
  alreadyClosed: boolean;
  stepsRun: string[];
  stats: Record<string, number>;
}

export class CobStopped extends Error {}

const COB_ACTOR: ActorContext = { ...SYSTEM_ACTOR, actorName: 'close-of-business' };

/** The due days the calendar moves around this business date, for billing and reminders. */
function movedDaysFor(
  cal: BusinessCalendar,
  date: string,
  nextDate: string,
  dueSoonDays: number,
): cobRepo.MovedDaysTable {
  const reach = cobRepo.ADJUST_REACH_DAYS;
  const out: cobRepo.MovedDaysTable = { rule: [], day: [], adjusted: [] };
  for (const m of movedDueDays(cal, toEpochDay(date) - reach, toEpochDay(nextDate) + dueSoonDays + reach)) {
    out.rule.push(m.rule);
    out.day.push(toIsoDate(m.day));
    out.adjusted.push(toIsoDate(m.adjusted));
  }
  return out;
}

async function calendarOf(db: Executor): Promise<CalendarCode> {
  const s = await repo.readState(db);
  return (s?.calendar ?? 'CN') as CalendarCode;
}

/** Day units per convention from the earliest unaccrued day to `until` (the next business date). */
async function unitsFor(db: Executor, date: string, until: string): Promise<cobRepo.UnitsTable> {
  const earliest = await cobRepo.earliestAccruedThrough(db);
  const from = earliest && earliest < date ? earliest : date;
  const base = toEpochDay(from);
  const n = toEpochDay(until) - base;
  const out: cobRepo.UnitsTable = { conv: [], day: [], cum: [] };
  for (const conv of DAY_COUNT_CONVENTIONS) {
    const cum = cumulativeDayUnits(conv, base, n);
    cum.forEach((c, i) => {
      out.conv.push(conv);
      out.day.push(toIsoDate(base + i));
      out.cum.push(String(c));
    });
  }
  return out;
}

export async function closeBusinessDay(deps: Deps, date: string, opts: CobOptions = {}): Promise<CobResult> {
  if (!isValidIsoDate(date)) throw Problem.badRequest('date', 'must be a date YYYY-MM-DD');
  const buckets = opts.buckets ?? DEFAULT_BUCKETS;
  try {
    validateBuckets(buckets);
  } catch (e) {
    throw Problem.badRequest('buckets', (e as Error).message);
  }
  const ctx = opts.ctx ?? COB_ACTOR;
  const db = deps.database.db;
  const done = await repo.findCobRun(db, date);
  const cal = businessCalendar(await calendarOf(db));
  const nextDate = toIsoDate(cal.addBusinessDays(toEpochDay(date), 1));
  if (done?.status === 'completed')
    return {
      businessDate: date,
      nextBusinessDate: nextDate,
      alreadyClosed: true,
      stepsRun: [],
      stats: done.stats,
    };
  if (!cal.isBusinessDay(toEpochDay(date))) throw Problem.badRequest('date', `${date} is not a business day`);
  const open = await repo.readState(db);
  if (!open) await repo.initState(db, date, 'CN');
  else if (open.businessDate !== date) {
    throw Problem.conflict(
      'cob-out-of-order',
      `The open business date is ${open.businessDate}; close it first (dates cannot be skipped or closed twice)`,
      'date',
    );
  }
  const last = await repo.lastCompletedCob(db);
  const prevDate = last?.businessDate ?? addDays(date, -1);
  await repo.insertCobRun(db, {
    businessDate: date,
    status: 'running',
    stepsDone: [],
    stats: {},
    startedAt: deps.now(),
  });

  const stepsRun: string[] = [];
  const total = COB_STEPS.length + 1;
  for (const [i, step] of COB_STEPS.entries()) {
    opts.onProgress?.(i, total, step);
    const ran = await deps.database.db.transaction(async (tx) => {
      await cobRepo.lockCob(tx);
      const run = await repo.findCobRun(tx, date, true);
      if (!run || run.stepsDone.includes(step)) return false;
      const m: MoveContext = { tx, ctx, now: deps.now(), businessDate: date };
      const dueSoonDays = opts.dueSoonDays ?? 5;
      const stats = await runStep(step, m, {
        date,
        nextDate,
        prevDate,
        buckets,
        lateFeeDays: opts.lateFeeDays ?? 15,
        dueSoonDays,
        moved: movedDaysFor(cal, date, nextDate, dueSoonDays),
      });
      await repo.updateCobRun(tx, date, {
        stepsDone: [...run.stepsDone, step],
        stats: { ...run.stats, ...stats },
      });
      return true;
    });
    if (ran) stepsRun.push(step);
    if (opts.stopAfter === step) throw new CobStopped(`stopped after ${step}`);
  }
  const stats = await deps.database.db.transaction(async (tx) => {
    await cobRepo.lockCob(tx);
    const run = (await repo.findCobRun(tx, date, true))!;
    if (run.status === 'completed') return run.stats;
    await repo.updateCobRun(tx, date, { status: 'completed', finishedAt: deps.now() });
    await repo.setBusinessDate(tx, nextDate);
    await recordAudit(tx, ctx, deps.now(), {
      action: 'cob.completed',
      entityType: 'business_date',
      entityId: date,
      after: { nextBusinessDate: nextDate, stats: run.stats },
    });
    return run.stats;
  });
  opts.onProgress?.(total, total, 'done');
  return { businessDate: date, nextBusinessDate: nextDate, alreadyClosed: false, stepsRun, stats };
}

interface StepArgs {
  date: string;
  nextDate: string;
  prevDate: string;
  buckets: readonly Bucket[];
  lateFeeDays: number;
  dueSoonDays: number;
  moved: cobRepo.MovedDaysTable;
}

async function runStep(step: CobStep, m: MoveContext, a: StepArgs): Promise<Record<string, number>> {
  switch (step) {
    case 'phase-moves':
      return { phaseMoves: await phaseMoves(m, a.date) };
    case 'repricing':
      return repricingStep(m);
    case 'accrue-bill': {
      const r = await cobRepo.accrueAndBill(
        m.tx,
        a.date,
        a.nextDate,
        await unitsFor(m.tx, a.date, a.nextDate),
        a.moved,
      );
      return { billed: r.billed };
    }
    case 'penalties-fees': {
      const r = await cobRepo.penaltiesAndFees(m.tx, a.date, await unitsFor(m.tx, a.date, a.nextDate), {
        after: addDays(a.prevDate, -a.lateFeeDays),
        upTo: addDays(a.date, -a.lateFeeDays),
      });
      return { penalties: r.penalties, lateFees: r.fees };
    }
    case 'delinquency':
      return { bucketChanges: await cobRepo.ageDelinquency(m.tx, a.date, [...a.buckets]) };
    case 'defaults': {
      let defaulted = 0;
      for (const { id } of await cobRepo.loansToDefault(m.tx)) {
        const loan = (await repo.lockLoan(m.tx, id))!;
        await moveState(m, loan, 'default', `${loan.daysPastDue} days past due`);
        defaulted++;
      }
      let chargedOff = 0;
      for (const { id } of await cobRepo.loansToChargeOff(m.tx)) {
        const loan = (await repo.lockLoan(m.tx, id))!;
        const written = await writeOffBalances(
          m.tx,
          loan,
          a.date,
          ACCOUNTS.writeOff,
          `Charge-off at ${loan.daysPastDue} days past due`,
        );
        await moveState(m, loan, 'charged_off', `${loan.daysPastDue} days past due`, {
          ...written,
          nextDueDate: null,
          oldestDueDate: null,
        });
        chargedOff++;
      }
      return { defaulted, chargedOff };
    }
    case 'plans':
      return plansStep(m);
    case 'notices': {
      const r = await cobRepo.notices(m.tx, a.date, a.nextDate, a.prevDate, a.dueSoonDays, a.moved);
      const promises = await cobRepo.settlePromises(m.tx, a.date);
      return {
        dueSoonEvents: r.dueSoon,
        missedEvents: r.missed,
        promisesKept: promises.kept,
        promisesBroken: promises.broken,
      };
    }
  }
}

/** Graduation → grace → repayment, and the end of deferment or forbearance. Few loans a day; the engine builds each schedule. */
async function phaseMoves(m: MoveContext, date: string): Promise<number> {
  let n = 0;
  for (const { id } of await cobRepo.phaseMoves(m.tx, date)) {
    let loan = (await repo.lockLoan(m.tx, id))!;
    if (loan.state === 'in_school') {
      const graceStart = addDays(loan.inSchoolUntil!, 1);
      if (!loan.graceUntil || loan.graceUntil <= loan.inSchoolUntil!) {
        await enterRepayment(m, loan, graceStart, 'studies ended');
      } else {
        if (loan.capitaliseAtPhaseEnd && loan.graceInterest !== 'capitalised')
          loan = await capitalise(m, loan, 'end of studies');
        const paid = loan.graceInterest === 'paid';
        await moveState(m, loan, 'grace', 'studies ended', {
          interestMode: loan.graceInterest === 'subsidised' ? 'subsidy' : 'borrower',
          capitaliseAtPhaseEnd: loan.capitaliseAtPhaseEnd || loan.graceInterest === 'capitalised',
          nextDueDate:
            paid && loan.interestDateMd && loan.frequencyMonths === 12
              ? firstDueAfter(loan, graceStart)
              : null,
        });
      }
    } else if (loan.state === 'grace') {
      await enterRepayment(m, loan, addDays(loan.graceUntil!, 1), 'grace ended');
    } else {
      const back = (loan.reliefReturnState ?? 'repayment') as LoanState;
      if (loan.state === 'deferment' && loan.capitalisationEvents.includes('end-of-deferment'))
        loan = await capitalise(m, loan, 'end of deferment');
      const nextDue =
        back === 'repayment' && loan.firstDueDate && loan.nextInstalment <= loan.instalmentsTotal
          ? toIsoDate(addMonthsDay(loan.firstDueDate, (loan.nextInstalment - 1) * loan.frequencyMonths))
          : loan.nextDueDate;
      await moveState(
        m,
        loan,
        back,
        `${loan.state} ended`,
        { interestMode: 'borrower', reliefUntil: null, reliefReturnState: null, nextDueDate: nextDue },
        true,
      );
    }
    n++;
  }
  return n;
}

function addMonthsDay(iso: string, months: number): number {
  // Same clamping as PostgreSQL's date + interval 'n months' (and core's addMonths from the anchor).
  const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (mo - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const dim = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return toEpochDay(`${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, dim)).padStart(2, '0')}`);
}

export async function cobStatus(deps: Deps) {
  const db = deps.database.db;
  const [businessDate, runs] = await Promise.all([openBusinessDate(deps), repo.cobRunsList(db, 30)]);
  return {
    openBusinessDate: businessDate,
    runs: runs.map((r) => ({
      businessDate: r.businessDate,
      status: r.status,
      stepsDone: r.stepsDone,
      stats: r.stats,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    })),
  };
}

/** Close every business date from the open one up to and including `until` (demo seeding, catch-up). */
export async function closeBusinessDaysThrough(
  deps: Deps,
  until: string,
  opts: CobOptions = {},
): Promise<number> {
  let n = 0;
  for (;;) {
    const open = await openBusinessDate(deps);
    if (open > until) return n;
    await closeBusinessDay(deps, open, opts);
    n++;
  }
}

/**
 * The nightly job: close every business date before today's (the wall clock's date in UTC+8 by
 * default, the lender's day). Idempotent and resumable like the CLI, so a retried or doubled job is harmless.
 */
export function servicingJobs(deps: Deps, opts: { cron?: string; utcOffsetHours?: number } = {}) {
  return [
    {
      queue: 'servicing-close-of-business',
      cron: opts.cron ?? '30 16 * * *',
      retryLimit: 5,
      handle: async () => {
        const local = new Date(deps.now().getTime() + (opts.utcOffsetHours ?? 8) * 3_600_000)
          .toISOString()
          .slice(0, 10);
        await closeBusinessDaysThrough(deps, addDays(local, -1));
      },
    },
  ];
}
