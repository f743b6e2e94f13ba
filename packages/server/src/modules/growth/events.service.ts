// Campus events (校园宣讲会): plan per school, a signed QR link to a public attendance form,
// attendees captured as prospects (source campus_event), a follow-up journey through engagement,
// and the results: attendees, prospects, applications, funding and cost per attendee.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { createCustomer, getSchool } from '../customers/index.ts';
import { handleDomainEvent } from '../engagement/index.ts';
import * as repo from './acquisition.repository.ts';
import type { EventRow } from './acquisition.repository.ts';
import { captureWithin, within } from './prospects.service.ts';
import type * as S from './prospects.schema.ts';

// ---- the signed attendance link -------------------------------------------------------------------

const keys = new WeakMap<object, string>();
function keyOf(deps: Pick<Deps, 'cipher'>): string {
  let k = keys.get(deps.cipher);
  if (!k) {
    k = deps.cipher.blindIndex('bursar:growth:event-token-key');
    keys.set(deps.cipher, k);
  }
  return k;
}
const mac = (deps: Pick<Deps, 'cipher'>, eventId: string) =>
  createHmac('sha256', keyOf(deps)).update(`campus-event\n${eventId}`).digest('base64url').slice(0, 32);

export function eventToken(deps: Pick<Deps, 'cipher'>, eventId: string): string {
  return `${eventId}.${mac(deps, eventId)}`;
}

export function eventOfToken(deps: Pick<Deps, 'cipher'>, token: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[0-9a-f-]{36}$/.test(parts[0]!)) return null;
  const expected = Buffer.from(mac(deps, parts[0]!));
  const given = Buffer.from(parts[1]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? parts[0]! : null;
}

// ---- planning -------------------------------------------------------------------------------------

/** Actual cost (else budget) ÷ attendees, half-up to the minor unit. */
export function costPerAttendee(costMinor: number, attendees: number): number | null {
  if (attendees <= 0) return null;
  return Math.floor((2 * costMinor + attendees) / (2 * attendees));
}

async function eventView(deps: Deps, e: EventRow) {
  const school = await getSchool(deps, e.schoolId).catch(() => null);
  const results = await repo.eventResults(deps.database.db, e.id);
  return {
    id: e.id,
    name: e.name,
    schoolId: e.schoolId,
    schoolName: school ? (school.nameLocal ?? school.name) : null,
    eventDate: e.eventDate,
    venue: e.venue,
    staff: e.staff as string[],
    budgetMinor: e.budgetMinor,
    actualCostMinor: e.actualCostMinor,
    currency: e.currency,
    status: e.status,
    trackingCode: e.trackingCode,
    notes: e.notes,
    attendancePath: `/e/${eventToken(deps, e.id)}`,
    results: {
      ...results,
      costPerAttendeeMinor: costPerAttendee(e.actualCostMinor ?? e.budgetMinor, results.attendees),
    },
  };
}

export async function createEvent(deps: Deps, ctx: ActorContext, input: z.infer<typeof S.eventInput>) {
  if (!(await getSchool(deps, input.schoolId).catch(() => null)))
    throw Problem.badRequest('schoolId', 'is not a known school');
  const at = deps.now();
  const row = await deps.database.db.transaction(async (tx) => {
    const e = await repo.insertEvent(tx, {
      id: randomUUID(),
      name: input.name,
      schoolId: input.schoolId,
      eventDate: input.eventDate,
      venue: input.venue,
      staff: input.staff,
      budgetMinor: input.budgetMinor,
      currency: input.currency,
      status: 'planned',
      trackingCode: input.trackingCode ?? null,
      notes: input.notes ?? null,
      createdBy: ctx.actorName,
      createdAt: at,
      updatedAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'campus_event.created',
      entityType: 'campus_event',
      entityId: e.id,
      after: input,
    });
    return e;
  });
  return eventView(deps, row);
}

export async function updateEvent(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  patch: z.infer<typeof S.eventPatch>,
) {
  const row = await deps.database.db.transaction(async (tx) => {
    const e = await repo.findEvent(tx, id, true);
    if (!e) throw Problem.notFound('Campus event');
    if (e.status === 'cancelled' && patch.status && patch.status !== 'cancelled')
      throw Problem.conflict('event-cancelled', 'A cancelled event cannot be reopened', 'status');
    const at = deps.now();
    const after = await repo.updateEvent(tx, id, {
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.actualCostMinor !== undefined ? { actualCostMinor: patch.actualCostMinor } : {}),
      ...(patch.venue ? { venue: patch.venue } : {}),
      ...(patch.eventDate ? { eventDate: patch.eventDate } : {}),
      ...(patch.staff ? { staff: patch.staff } : {}),
      ...(patch.notes ? { notes: patch.notes } : {}),
      updatedAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'campus_event.updated',
      entityType: 'campus_event',
      entityId: id,
      before: { status: e.status, actualCostMinor: e.actualCostMinor },
      after: patch,
    });
    return after;
  });
  return eventView(deps, row);
}

export async function listEvents(
  deps: Deps,
  f: { schoolId?: string | undefined; status?: string | undefined },
) {
  const rows = await repo.listEvents(deps.database.db, f);
  const items = [];
  for (const e of rows) items.push(await eventView(deps, e));
  return { items };
}

export async function getEvent(deps: Deps, id: string) {
  const e = await repo.findEvent(deps.database.db, id);
  if (!e) throw Problem.notFound('Campus event');
  return eventView(deps, e);
}

// ---- the public attendance form -------------------------------------------------------------------

async function eventByToken(db: Executor, deps: Deps, token: string): Promise<EventRow> {
  const id = eventOfToken(deps, token);
  const e = id ? await repo.findEvent(db, id) : undefined;
  if (!e) throw Problem.notFound('Campus event');
  return e;
}

const isOpen = (e: EventRow) => e.status === 'planned' || e.status === 'open';

export async function publicEvent(deps: Deps, token: string) {
  const e = await eventByToken(deps.database.db, deps, token);
  const school = await getSchool(deps, e.schoolId).catch(() => null);
  return {
    name: e.name,
    schoolName: school ? (school.nameLocal ?? school.name) : null,
    eventDate: e.eventDate,
    venue: e.venue,
    open: isOpen(e),
  };
}

/**
 * An attendee fills in the QR form: a prospect (source campus_event, the event's tracking code)
 * or the existing one updated. With consent to be contacted, a customer record (status prospect,
 * marketing consent) is created or matched so engagement can run the follow-up journey, which
 * `growth.event.attended` starts in the same transaction.
 */
export async function attendEvent(
  deps: Deps,
  ctx: ActorContext,
  token: string,
  body: z.infer<typeof S.attendBody>,
) {
  const db = deps.database.db;
  const r = await db.transaction(async (tx) => {
    const e = await eventByToken(tx, deps, token);
    if (!isOpen(e)) throw Problem.conflict('event-closed', 'Attendance for this event is closed', 'token');
    const { website: _honeypot, ...fields } = body;
    const captured = await captureWithin(
      tx,
      deps,
      ctx,
      {
        ...fields,
        source: 'campus_event',
        trackingCode: e.trackingCode ?? undefined,
        schoolId: fields.schoolId ?? e.schoolId,
      },
      { eventId: e.id, actorName: 'campus-event-form' },
    );
    let p = captured.prospect;
    if (body.consentContact && !p.customerId) {
      const c = await createCustomer(
        within(deps, tx),
        ctx,
        {
          legalName: p.legalName,
          ...(p.email ? { email: p.email } : {}),
          ...(body.phone ? { phone: body.phone } : {}),
          status: 'prospect',
          preferredLanguage: p.preferredLanguage as 'en' | 'zh-CN',
          consents: [{ purpose: 'marketing', granted: true, source: 'web', note: `Campus event ${e.name}` }],
          allowDuplicate: true,
        },
        'campus-event',
      );
      p = await repo.updateProspect(tx, p.id, { customerId: c.id });
    }
    if (p.customerId)
      await handleDomainEvent(tx, deps, {
        source: 'growth',
        id: `attend:${e.id}:${p.id}`,
        type: 'growth.event.attended',
        customerId: p.customerId,
        payload: { eventId: e.id, prospectId: p.id },
      });
    return p;
  });
  return { reference: r.reference };
}
