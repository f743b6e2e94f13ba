// The engagement module's words, shared by server and web: channels, statuses, purposes,
// triggers, interactions. One name for one thing (see docs/GLOSSARY).

/** Where a message goes. `post` is a printed letter (PDF); `portal` the student's inbox. */
export const MESSAGE_CHANNELS = ['email', 'sms', 'wechat', 'app_push', 'portal', 'post'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** A message's delivery status. `suppressed` never left (no consent, cap); `cancelled` withdrawn by staff. */
export const MESSAGE_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'bounced',
  'failed',
  'opened',
  'clicked',
  'suppressed',
  'cancelled',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Statuses a provider may report back after a send. */
export const CALLBACK_STATUSES = ['delivered', 'bounced', 'failed', 'opened', 'clicked'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/** Service messages concern the customer's loan; marketing needs recorded consent. */
export const MESSAGE_PURPOSES = ['service', 'marketing'] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

/** Regulated notices (e.g. arrears, rate change) need compliance approval before a template is used. */
export const TEMPLATE_CATEGORIES = ['service', 'marketing', 'regulated'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export const TEMPLATE_LANGUAGES = ['en', 'zh-CN'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export const TEMPLATE_STATUSES = ['draft', 'pending_approval', 'active', 'retired'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** What starts a journey. Loan events come from servicing/origination, dates from customers. */
export const TRIGGER_TYPES = [
  'application.submitted',
  'contract.signed',
  'loan.disbursed',
  'graduation.approaching',
  'grace.ending',
  'payment.due_soon',
  'payment.missed',
  'delinquency.bucket_changed',
  'survey.due',
  'customer.birthday',
  'growth.event.attended',
  'manual',
] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export const INTERACTION_KINDS = [
  'call',
  'meeting',
  'campus_event',
  'walk_in',
  'follow_up_visit',
  'inbound_reply',
  'collection_attempt',
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const INTERACTION_OUTCOMES = [
  'reached',
  'no_answer',
  'left_message',
  'wrong_number',
  'promise_to_pay',
  'resolved',
  'follow_up_needed',
  'not_interested',
  'complaint',
  'other',
] as const;
export type InteractionOutcome = (typeof INTERACTION_OUTCOMES)[number];

export const INTERACTION_DIRECTIONS = ['inbound', 'outbound'] as const;
export type InteractionDirection = (typeof INTERACTION_DIRECTIONS)[number];

/** Order of a message's progress: a later report never moves it back (an `opened` after `clicked` stays `clicked`). */
export const STATUS_RANK: Readonly<Record<MessageStatus, number>> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  opened: 3,
  clicked: 4,
  bounced: 5,
  failed: 5,
  suppressed: 6,
  cancelled: 6,
};

/** The status a message takes when a report arrives: never backwards, never out of a final state. */
export function nextStatus(current: MessageStatus, reported: MessageStatus): MessageStatus {
  if (current === 'suppressed' || current === 'cancelled' || current === 'bounced' || current === 'failed') {
    // A bounce after "sent"/"delivered" is final; an open after a bounce is noise.
    return current;
  }
  if (reported === 'bounced' || reported === 'failed')
    return current === 'queued' || current === 'sent' || current === 'delivered' ? reported : current;
  return STATUS_RANK[reported] > STATUS_RANK[current] ? reported : current;
}
