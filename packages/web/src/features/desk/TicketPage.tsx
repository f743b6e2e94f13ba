// The agent's ticket view: the conversation with public replies and internal notes, a composer
// with canned replies and knowledge articles suggested while typing, and beside it the SLA
// clocks, the actions (status, assignment, root causes, merge) and the customer's context.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { formatDate, formatDateTime, formatMoney } from '../../format.ts';
import {
  attachmentUrl,
  DESK_KEY,
  deskApi,
  TICKET_STATUSES,
  type TicketDetail,
  type TicketStatus,
} from './api.ts';
import { Conversation, PriorityBadge, SlaBadge, StatusBadge } from './components.tsx';
import { useDeskT } from './i18n.ts';

export default function TicketPage() {
  const { id = '' } = useParams();
  const { dt } = useDeskT();
  const message = useProblemMessage();
  const detail = useQuery({
    queryKey: [...DESK_KEY, 'ticket', id],
    queryFn: ({ signal }) => deskApi.ticket(id, signal),
  });
  if (detail.isPending) return <Loader />;
  if (detail.isError) return <Alert color="red">{message(detail.error)}</Alert>;
  const { ticket } = detail.data;
  return (
    <>
      <Group justify="space-between" mb="md">
        <Stack gap={2}>
          <Title order={2}>
            {ticket.reference} · {ticket.subject}
          </Title>
          <Group gap="xs">
            <StatusBadge status={ticket.status} />
            {ticket.staff && <PriorityBadge priority={ticket.staff.priority} />}
            <Text size="sm" c="dimmed">
              {dt(`type.${ticket.type}`)} · {dt(`channel.${ticket.channel}`)}
            </Text>
          </Group>
        </Stack>
        <Anchor component={Link} to="/desk">
          {dt('ticket.back')}
        </Anchor>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Conversation entries={detail.data.entries} />
            {detail.data.attachments.length > 0 && (
              <Card withBorder>
                <Text fw={600} mb="xs">
                  {dt('ticket.attachments')}
                </Text>
                {detail.data.attachments.map((a) => (
                  <Anchor key={a.id} href={attachmentUrl(a.id, false)} display="block">
                    {a.filename} ({Math.ceil(a.size / 1024)} KB)
                  </Anchor>
                ))}
              </Card>
            )}
            {!ticket.mergedIntoId && <Composer detail={detail.data} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <SlaCard detail={detail.data} />
            <ActionsCard detail={detail.data} />
            <ContextCard ticketId={ticket.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Composer({ detail }: { detail: TicketDetail }) {
  const { dt } = useDeskT();
  const message = useProblemMessage();
  const client = useQueryClient();
  const t = detail.ticket;
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public');
  const [after, setAfter] = useState<'waiting_on_customer' | 'open' | 'resolved'>('waiting_on_customer');
  const [summary, setSummary] = useState('');
  const [typed] = useDebouncedValue(body.trim() || t.subject, 400);
  const canned = useQuery({
    queryKey: [...DESK_KEY, 'canned'],
    queryFn: ({ signal }) => deskApi.canned(signal),
  });
  const suggestions = useQuery({
    queryKey: [...DESK_KEY, 'suggest', typed],
    queryFn: ({ signal }) => deskApi.suggestions(typed, signal),
    enabled: typed.length > 0,
  });
  const send = useMutation({
    mutationFn: () =>
      deskApi.reply(t.id, {
        body,
        visibility,
        ...(visibility === 'public' ? { status: after } : {}),
        ...(visibility === 'public' && after === 'resolved' ? { resolutionSummary: summary } : {}),
      }),
    onSuccess: () => {
      setBody('');
      setSummary('');
      void client.invalidateQueries({ queryKey: DESK_KEY });
    },
  });
  const errors = send.error instanceof ApiError ? send.error.fieldErrors : {};
  const language = t.staff?.language ?? 'en';
  const cannedForLanguage = (canned.data?.items ?? []).filter((c) => c.language === language);
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <SegmentedControl
            value={visibility}
            onChange={(v) => setVisibility(v)}
            data={[
              { value: 'public', label: dt('composer.public') },
              { value: 'internal', label: dt('composer.internal') },
            ]}
          />
          <Select
            placeholder={dt('composer.canned')}
            data={cannedForLanguage.map((c) => ({ value: c.id, label: c.title }))}
            value={null}
            onChange={(v) => {
              const c = cannedForLanguage.find((x) => x.id === v);
              if (c) setBody((b) => (b ? `${b}\n\n${c.body}` : c.body));
            }}
            aria-label={dt('composer.canned')}
          />
        </Group>
        <Textarea
          label={visibility === 'public' ? dt('composer.replyLabel') : dt('composer.noteLabel')}
          minRows={4}
          autosize
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
          data-testid="reply-body"
        />
        {visibility === 'public' && (
          <Group align="flex-end">
            <Select
              label={dt('composer.after')}
              data-testid="reply-after"
              value={after}
              onChange={(v) => v && setAfter(v)}
              data={(['waiting_on_customer', 'open', 'resolved'] as const).map((s) => ({
                value: s,
                label: dt(`status.${s}`),
              }))}
            />
            {after === 'resolved' && (
              <TextInput
                style={{ flex: 1 }}
                label={dt('field.resolutionSummary')}
                value={summary}
                onChange={(e) => setSummary(e.currentTarget.value)}
                error={errors.resolutionSummary}
                data-testid="reply-summary"
              />
            )}
          </Group>
        )}
        {send.isError && !Object.keys(errors).length && <Alert color="red">{message(send.error)}</Alert>}
        <Group justify="flex-end">
          <Button
            onClick={() => send.mutate()}
            loading={send.isPending}
            disabled={!body.trim()}
            data-testid="send-reply"
          >
            {visibility === 'public' ? dt('composer.send') : dt('composer.addNote')}
          </Button>
        </Group>
        <div>
          <Text size="sm" fw={600}>
            {dt('composer.suggested')}
          </Text>
          {suggestions.data?.items.length === 0 && (
            <Text size="sm" c="dimmed">
              {dt('composer.noSuggestions')}
            </Text>
          )}
          {suggestions.data?.items.slice(0, 3).map((a) => (
            <Stack key={a.id} gap={0} mt="xs">
              <Anchor size="sm" component={Link} to={`/help/articles/${a.id}`} target="_blank">
                {a.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {a.passage}
              </Text>
            </Stack>
          ))}
        </div>
      </Stack>
    </Card>
  );
}

function SlaCard({ detail }: { detail: TicketDetail }) {
  const { dt, lang } = useDeskT();
  const s = detail.ticket.staff;
  if (!s) return null;
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {dt('ticket.sla')}
      </Text>
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm">{dt('sla.firstResponse')}</Text>
          <SlaBadge state={s.sla.firstResponse.state} remaining={s.sla.firstResponse.remainingMinutes} />
        </Group>
        <Text size="xs" c="dimmed">
          {dt('sla.due', { at: formatDateTime(s.firstResponseDueAt, lang) })}
        </Text>
        <Group justify="space-between">
          <Text size="sm">{dt('sla.resolution')}</Text>
          <SlaBadge state={s.sla.resolution.state} remaining={s.sla.resolution.remainingMinutes} />
        </Group>
        <Text size="xs" c="dimmed">
          {dt('sla.due', { at: formatDateTime(s.resolutionDueAt, lang) })}
        </Text>
        {s.regulatoryDueDate && (
          <Text size="sm" c="red">
            {dt('sla.regulatory', { date: formatDate(s.regulatoryDueDate, lang) })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {dt('ticket.priorityWhy', { reasons: s.priorityReasons.join(', ') })}
        </Text>
      </Stack>
    </Card>
  );
}

function ActionsCard({ detail }: { detail: TicketDetail }) {
  const { dt } = useDeskT();
  const message = useProblemMessage();
  const can = useCan();
  const client = useQueryClient();
  const t = detail.ticket;
  const agents = useQuery({
    queryKey: [...DESK_KEY, 'agents'],
    queryFn: ({ signal }) => deskApi.agents(signal),
  });
  const [causes, setCauses] = useState<string[]>(t.staff?.rootCauses ?? []);
  const [duplicate, setDuplicate] = useState('');
  const [summary, setSummary] = useState(t.resolutionSummary ?? '');
  const done = () => void client.invalidateQueries({ queryKey: DESK_KEY });
  const status = useMutation({
    mutationFn: (s: TicketStatus) =>
      deskApi.setStatus(t.id, {
        status: s,
        ...(s === 'resolved' && summary ? { resolutionSummary: summary } : {}),
      }),
    onSuccess: done,
  });
  const assign = useMutation({
    mutationFn: (v: string | null) => deskApi.assign(t.id, v === 'auto' ? { auto: true } : { assigneeId: v }),
    onSuccess: done,
  });
  const tag = useMutation({ mutationFn: () => deskApi.patch(t.id, { rootCauses: causes }), onSuccess: done });
  const merge = useMutation({ mutationFn: () => deskApi.merge(t.id, duplicate), onSuccess: done });
  const errors = [status, assign, tag, merge].find((m) => m.isError)?.error;
  if (!can('tickets.work')) return null;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text fw={600}>{dt('ticket.actions')}</Text>
        <Select
          label={dt('field.status')}
          value={t.status}
          onChange={(v) => v && v !== t.status && status.mutate(v)}
          data={TICKET_STATUSES.map((s) => ({ value: s, label: dt(`status.${s}`) }))}
        />
        {t.status !== 'resolved' && t.status !== 'closed' && (
          <TextInput
            label={dt('field.resolutionSummary')}
            description={dt('ticket.summaryHint')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
          />
        )}
        <Select
          label={dt('field.assignee')}
          value={t.staff?.assigneeId ?? null}
          onChange={(v) => assign.mutate(v)}
          data={[
            { value: 'auto', label: dt('ticket.autoAssign') },
            ...(agents.data?.items ?? []).map((a) => ({
              value: a.userId,
              label: `${a.displayName} (${a.openCount}/${a.maxOpen})${a.available ? '' : ` · ${dt('ticket.away')}`}`,
            })),
          ]}
        />
        <TagsInput label={dt('field.rootCauses')} value={causes} onChange={setCauses} />
        <Button size="xs" variant="light" onClick={() => tag.mutate()} loading={tag.isPending}>
          {dt('ticket.saveCauses')}
        </Button>
        <Group align="flex-end" gap="xs">
          <TextInput
            style={{ flex: 1 }}
            label={dt('ticket.mergeLabel')}
            placeholder={dt('ticket.mergePlaceholder')}
            value={duplicate}
            onChange={(e) => setDuplicate(e.currentTarget.value.trim())}
          />
          <Button size="xs" variant="light" onClick={() => merge.mutate()} disabled={!duplicate}>
            {dt('ticket.merge')}
          </Button>
        </Group>
        {errors && <Alert color="red">{message(errors)}</Alert>}
      </Stack>
    </Card>
  );
}

function ContextCard({ ticketId }: { ticketId: string }) {
  const { dt, lang } = useDeskT();
  const ctx = useQuery({
    queryKey: [...DESK_KEY, 'context', ticketId],
    queryFn: ({ signal }) => deskApi.context(ticketId, signal),
  });
  if (!ctx.data) return ctx.isPending ? <Loader size="sm" /> : null;
  const c = ctx.data.customer;
  return (
    <Card withBorder data-testid="customer-context">
      <Stack gap={6}>
        <Text fw={600}>{dt('context.title')}</Text>
        {c && (
          <>
            <Anchor component={Link} to={`/customers/${c.id}`}>
              {c.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {[c.school, c.language, c.economicStatus, ...c.tags].filter(Boolean).join(' · ')}
            </Text>
          </>
        )}
        <Text size="sm" fw={600} mt="xs">
          {dt('context.loans')}
        </Text>
        {ctx.data.loans.length === 0 && (
          <Text size="xs" c="dimmed">
            {dt('context.noLoans')}
          </Text>
        )}
        {ctx.data.loans.map((l) => (
          <Text size="xs" key={l.id}>
            <Anchor component={Link} to={`/loans/${l.id}`}>
              {l.loanNumber}
            </Anchor>{' '}
            · {l.productCode} · {formatMoney(l.principal, l.currency)}
            {l.daysPastDue > 0 && (
              <Text span c="red">{` · ${dt('context.dpd', { days: l.daysPastDue })}`}</Text>
            )}
          </Text>
        ))}
        <Text size="sm" fw={600} mt="xs">
          {dt('context.otherRequests')}
        </Text>
        {ctx.data.otherTickets.length === 0 && (
          <Text size="xs" c="dimmed">
            {dt('context.none')}
          </Text>
        )}
        {ctx.data.otherTickets.map((o) => (
          <Text size="xs" key={o.id}>
            <Anchor component={Link} to={`/desk/tickets/${o.id}`}>
              {o.reference}
            </Anchor>{' '}
            · {o.subject} · {dt(`status.${o.status}`)} · {formatDate(o.createdAt.slice(0, 10), lang)}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}
