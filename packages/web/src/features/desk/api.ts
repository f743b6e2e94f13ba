// The service-desk API as the desk and the student portal use it. Shapes mirror
// packages/server/src/modules/service-desk (tickets.service.ts ticketView and friends).
import { api, type Query } from '../../api/client.ts';

export const TICKET_TYPES = ['consultation', 'complaint', 'suggestion', 'hardship', 'dispute'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const TICKET_CHANNELS = ['portal', 'email', 'phone', 'walk_in', 'social'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export const TICKET_STATUSES = [
  'new',
  'open',
  'waiting_on_customer',
  'resolved',
  'closed',
  'reopened',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const SLA_STATES = ['met', 'breached', 'on_track', 'at_risk', 'overdue'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const HARDSHIP_KINDS = ['deferment', 'forbearance', 'term-extension'] as const;
export const TREND_DIMENSIONS = ['cause', 'product', 'school', 'channel', 'category'] as const;
export type TrendDimension = (typeof TREND_DIMENSIONS)[number];
export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;

export interface SlaClock {
  state: SlaState;
  remainingMinutes: number | null;
  used: number;
}

export interface Ticket {
  id: string;
  reference: string;
  customerId: string;
  type: TicketType;
  channel: TicketChannel;
  category: string | null;
  subject: string;
  status: TicketStatus;
  loanId: string | null;
  hardshipRequestId: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  resolutionSummary: string | null;
  mergedIntoId: string | null;
  satisfaction: number | null;
  satisfactionComment: string | null;
  ratedAt: string | null;
  staff: {
    priority: Priority;
    priorityReasons: string[];
    language: string;
    assigneeId: string | null;
    assigneeName: string | null;
    team: string;
    product: string | null;
    schoolName: string | null;
    rootCauses: string[];
    firstResponseDueAt: string;
    resolutionDueAt: string;
    regulatoryDueDate: string | null;
    firstResponseAt: string | null;
    escalationLevel: number;
    reopenCount: number;
    sla: { firstResponse: SlaClock; resolution: SlaClock };
  } | null;
}

export interface Entry {
  id: string;
  visibility: 'public' | 'internal';
  authorKind: 'customer' | 'agent' | 'system';
  authorName: string | null;
  body: string;
  channel: string | null;
  createdAt: string;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: string;
}

export interface TicketDetail {
  ticket: Ticket;
  entries: Entry[];
  history: {
    from: string | null;
    to: TicketStatus;
    reason: string | null;
    actorName: string | null;
    at: string;
  }[];
  attachments: Attachment[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Article {
  id: string;
  slug: string;
  language: 'en' | 'zh-CN';
  category: string;
  title: string;
  body: string;
  status: (typeof ARTICLE_STATUSES)[number];
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface ArticleHit {
  id: string;
  slug: string;
  language: string;
  category: string;
  title: string;
  score: number;
  passage: string;
}

export interface CannedReply {
  id: string;
  code: string;
  language: string;
  title: string;
  body: string;
}

export interface Agent {
  userId: string;
  displayName: string;
  team: string;
  available: boolean;
  languages: string[];
  complaintHandling: boolean;
  maxOpen: number;
  openCount: number;
}

export interface CustomerContext {
  customer: {
    id: string;
    name: string;
    language: string;
    status: string;
    tags: string[];
    economicStatus: string | null;
    school: string | null;
  } | null;
  loans: {
    id: string;
    loanNumber: string;
    productCode: string;
    state: string;
    currency: string;
    principal: string;
    amountDue: string;
    daysPastDue: number;
  }[];
  otherTickets: {
    id: string;
    reference: string;
    subject: string;
    status: TicketStatus;
    type: TicketType;
    createdAt: string;
  }[];
}

export interface BoardItem {
  id: string;
  reference: string;
  subject: string;
  type: TicketType;
  priority: Priority;
  status: TicketStatus;
  assigneeName: string | null;
  team: string;
  escalationLevel: number;
  clock: 'first_response' | 'resolution';
  state: SlaState;
  used: number;
  remainingMinutes: number | null;
  dueAt: string;
}

export interface PerformanceRow {
  key: string;
  label: string;
  period: string;
  tickets: number;
  medianFirstResponseMinutes: number | null;
  medianResolutionMinutes: number | null;
  slaAttainment: number | null;
  reopenRate: number | null;
  averageSatisfaction: number | null;
  ratings: number;
}

export interface RegisterRow {
  reference: string;
  ticketId: string;
  receivedOn: string;
  channel: TicketChannel;
  customerName: string;
  subject: string;
  rootCauses: string[];
  status: TicketStatus;
  regulatoryDueDate: string;
  resolvedOn: string | null;
  withinDeadline: boolean | null;
}

export interface ImprovementAction {
  id: string;
  cause: string;
  title: string;
  ownerName: string;
  dueDate: string;
  status: 'open' | 'done';
  overdue: boolean;
  outcome: string | null;
  volume: { before: number; after: number; windowDays: number };
}

const P = '/api/v1/service-desk';

export const DESK_KEY = ['desk'] as const;

export const deskApi = {
  tickets: (q: Query, signal?: AbortSignal) => api.get<Page<Ticket>>(`${P}/tickets`, { query: q, signal }),
  ticket: (id: string, signal?: AbortSignal) => api.get<TicketDetail>(`${P}/tickets/${id}`, { signal }),
  logTicket: (body: Record<string, unknown>) => api.post<Ticket>(`${P}/tickets`, body),
  reply: (
    id: string,
    body: { body: string; visibility: 'public' | 'internal'; status?: string; resolutionSummary?: string },
  ) => api.post<Ticket>(`${P}/tickets/${id}/replies`, body),
  setStatus: (id: string, body: { status: TicketStatus; resolutionSummary?: string; reason?: string }) =>
    api.post<Ticket>(`${P}/tickets/${id}/status`, body),
  assign: (id: string, body: { assigneeId?: string | null; auto?: boolean }) =>
    api.post<Ticket>(`${P}/tickets/${id}/assign`, body),
  patch: (id: string, body: Record<string, unknown>) => api.patch<Ticket>(`${P}/tickets/${id}`, body),
  merge: (id: string, duplicateId: string) => api.post<Ticket>(`${P}/tickets/${id}/merge`, { duplicateId }),
  context: (id: string, signal?: AbortSignal) =>
    api.get<CustomerContext>(`${P}/tickets/${id}/context`, { signal }),
  suggestions: (q: string, signal?: AbortSignal) =>
    api.get<{ items: ArticleHit[] }>(`${P}/suggestions`, { query: { q }, signal }),
  canned: (signal?: AbortSignal) => api.get<{ items: CannedReply[] }>(`${P}/canned-replies`, { signal }),
  agents: (signal?: AbortSignal) => api.get<{ items: Agent[] }>(`${P}/agents`, { signal }),
  availability: (available: boolean) => api.post<Agent>(`${P}/agents/me/availability`, { available }),
  board: (signal?: AbortSignal) => api.get<{ items: BoardItem[] }>(`${P}/board`, { signal }),
  escalate: () =>
    api.post<{ checked: number; atRisk: number; breached: number; reassigned: number }>(
      `${P}/escalations/run`,
      {},
    ),
  performance: (q: Query, signal?: AbortSignal) =>
    api.get<{ items: PerformanceRow[] }>(`${P}/performance`, { query: q, signal }),
  register: (signal?: AbortSignal) =>
    api.get<{ items: RegisterRow[] }>(`${P}/complaints/register`, { signal }),
  trends: (by: TrendDimension, signal?: AbortSignal) =>
    api.get<{
      totals: { key: string; count: number }[];
      series: { month: string; key: string; count: number }[];
    }>(`${P}/complaints/trends`, { query: { by }, signal }),
  actions: (signal?: AbortSignal) =>
    api.get<{ items: ImprovementAction[] }>(`${P}/improvement-actions`, { signal }),
  createAction: (body: { cause: string; title: string; ownerName: string; dueDate: string }) =>
    api.post<ImprovementAction>(`${P}/improvement-actions`, body),
  completeAction: (id: string, outcome: string) =>
    api.post<ImprovementAction>(`${P}/improvement-actions/${id}/done`, { outcome }),
  articles: (q: Query, signal?: AbortSignal) =>
    api.get<{ items: Article[] }>(`${P}/kb/articles`, { query: q, signal }),
  article: (id: string, signal?: AbortSignal) =>
    api.get<{
      article: Article;
      versions: { version: number; title: string; editedBy: string | null; editedAt: string }[];
    }>(`${P}/kb/articles/${id}`, { signal }),
  createArticle: (body: Record<string, unknown>) => api.post<Article>(`${P}/kb/articles`, body),
  updateArticle: (id: string, body: Record<string, unknown>) =>
    api.patch<Article>(`${P}/kb/articles/${id}`, body),
  answer: (q: string, language: string, signal?: AbortSignal) =>
    api.get<{ answers: (ArticleHit & { link: string })[] }>(`${P}/kb/answer`, {
      query: { q, language },
      signal,
    }),
  // the student's own requests
  myTickets: (signal?: AbortSignal) =>
    api.get<Page<Ticket>>(`${P}/my/tickets`, { query: { limit: 100 }, signal }),
  myTicket: (id: string, signal?: AbortSignal) => api.get<TicketDetail>(`${P}/my/tickets/${id}`, { signal }),
  submit: (body: Record<string, unknown>) => api.post<Ticket>(`${P}/my/tickets`, body),
  myReply: (id: string, body: string) => api.post<Ticket>(`${P}/my/tickets/${id}/replies`, { body }),
  rate: (id: string, score: number, comment?: string) =>
    api.post<Ticket>(`${P}/my/tickets/${id}/rating`, { score, ...(comment ? { comment } : {}) }),
};

/** Upload one file (multipart/form-data built by hand, so the client's CSRF header goes along). */
export async function uploadAttachment(ticketId: string, file: File, own: boolean): Promise<Attachment> {
  const boundary = `----bursar${crypto.randomUUID()}`;
  const name = file.name.replace(/["\r\n]/g, '_');
  const body = new Blob([
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`,
    file,
    `\r\n--${boundary}--\r\n`,
  ]);
  return api.post<Attachment>(`${P}/${own ? 'my/' : ''}tickets/${ticketId}/attachments`, undefined, {
    raw: { body, contentType: `multipart/form-data; boundary=${boundary}` },
  });
}

export function attachmentUrl(id: string, own: boolean): string {
  return `${P}/${own ? 'my/' : ''}attachments/${id}`;
}
