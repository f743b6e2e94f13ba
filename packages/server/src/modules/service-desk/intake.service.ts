// Requests coming in through the API: a student's from the portal, or staff logging a call, a
// walk-in, an email or a social-media message. A hardship request opens the servicing hardship
// request first and links the ticket to it. Attachments are checked by size and by content.
import { createHash, randomUUID } from 'node:crypto';
import type { DeskPriority } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { getLoan, requestHardship, STAFF_ACCESS, type LoanAccess } from '../servicing/index.ts';
import * as repo from './service-desk.repository.ts';
import {
  loadVisible,
  openTicketRow,
  ticketView,
  type DeskAccess,
  type TicketChannel,
  type TicketType,
} from './tickets.service.ts';

export interface SubmitInput {
  customerId?: string | undefined;
  type: TicketType;
  channel?: TicketChannel | undefined;
  subject: string;
  body: string;
  category?: string | undefined;
  priority?: DeskPriority | undefined;
  loanId?: string | undefined;
  applicationId?: string | undefined;
  hardship?:
    | {
        kind: 'deferment' | 'forbearance' | 'term-extension';
        reason: string;
        endDate?: string | undefined;
        extraInstalments?: number | undefined;
      }
    | undefined;
}

export async function submitTicket(deps: Deps, access: DeskAccess, ctx: ActorContext, input: SubmitInput) {
  const student = access.ownCustomerOnly;
  const customerId = student ? access.customerId : input.customerId;
  if (!customerId)
    throw Problem.badRequest('customerId', student ? 'your account has no customer record' : 'required');
  const loanAccess: LoanAccess = student ? { ownCustomerOnly: true, customerId } : STAFF_ACCESS;
  let product: string | null = null;
  if (input.loanId) {
    const loan = await getLoan(deps, loanAccess, input.loanId).catch(() => null);
    if (!loan || loan.customerId !== customerId)
      throw Problem.badRequest('loanId', 'not a loan of this customer');
    product = loan.productCode;
  }
  let hardshipRequestId: string | null = null;
  if (input.type === 'hardship') {
    if (!input.loanId || !input.hardship)
      throw Problem.badRequest(
        input.loanId ? 'hardship' : 'loanId',
        'a hardship request needs the loan and the relief asked for',
      );
    hardshipRequestId = (await requestHardship(deps, ctx, loanAccess, input.loanId, input.hardship)).id;
  }
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const t = await openTicketRow(
      tx,
      deps,
      ctx,
      {
        customerId,
        type: input.type,
        channel: student ? 'portal' : (input.channel ?? 'phone'),
        subject: input.subject,
        body: input.body,
        category: input.category,
        // Students cannot raise their own priority; the rules decide.
        priority: student ? undefined : input.priority,
        loanId: input.loanId,
        applicationId: input.applicationId,
        hardshipRequestId,
        product,
        source: { kind: student ? 'portal' : 'staff', id: ctx.actorId },
      },
      at,
    );
    return ticketView(deps, t, at, student);
  });
}

const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** What a file's first bytes say it is; the declared type must agree (no executables posing as PDFs). */
function sniff(bytes: Buffer): string | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  // Plain text: valid UTF-8 without NUL bytes.
  if (!bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)) return 'text/plain';
  return null;
}

export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'text/plain',
] as const;

export async function addAttachment(
  deps: Deps,
  access: DeskAccess,
  ctx: ActorContext,
  ticketId: string,
  file: { filename: string; mimetype: string; content: Buffer; truncated: boolean },
) {
  if (file.truncated || file.content.length > MAX_ATTACHMENT_BYTES)
    throw Problem.badRequest('file', `larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  if (file.content.length === 0) throw Problem.badRequest('file', 'empty file');
  const declared = file.mimetype.split(';')[0]!.trim().toLowerCase();
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(declared))
    throw Problem.badRequest('file', `type ${declared} is not accepted (PDF, PNG, JPEG, WebP or text)`);
  if (sniff(file.content) !== declared) throw Problem.badRequest('file', `content is not ${declared}`);
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const t = await loadVisible(tx, access, ticketId, true);
    const a = await repo.insertAttachment(tx, {
      id: randomUUID(),
      ticketId: t.id,
      entryId: null,
      filename: file.filename.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || 'file',
      contentType: declared,
      size: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
      uploadedBy: ctx.actorName,
      createdAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'ticket.attachment_added',
      entityType: 'ticket',
      entityId: t.id,
      after: { attachmentId: a.id, filename: a.filename, size: a.size, contentType: a.contentType },
    });
    return { ...a, createdAt: a.createdAt.toISOString() };
  });
}

export async function readAttachment(deps: Deps, access: DeskAccess, id: string) {
  const a = await repo.findAttachment(deps.database.db, id);
  if (!a) throw Problem.notFound('Attachment');
  await loadVisible(deps.database.db, access, a.ticketId);
  return a;
}
