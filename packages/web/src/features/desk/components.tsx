// Small pieces shared by the desk's pages: badges, the conversation, the empty state.
import { Badge, Card, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../format.ts';
import type { Entry, Priority, SlaState, TicketStatus } from './api.ts';
import { useDeskT } from './i18n.ts';

const STATUS_COLOURS: Record<TicketStatus, string> = {
  new: 'blue',
  open: 'cyan',
  waiting_on_customer: 'yellow',
  resolved: 'green',
  closed: 'gray',
  reopened: 'orange',
};
const PRIORITY_COLOURS: Record<Priority, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};
export const SLA_COLOURS: Record<SlaState, string> = {
  met: 'green',
  on_track: 'teal',
  at_risk: 'orange',
  overdue: 'red',
  breached: 'red',
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { dt } = useDeskT();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" data-testid="ticket-status">
      {dt(`status.${status}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { dt } = useDeskT();
  return (
    <Badge color={PRIORITY_COLOURS[priority]} variant="outline">
      {dt(`priority.${priority}`)}
    </Badge>
  );
}

export function SlaBadge({ state, remaining }: { state: SlaState; remaining: number | null }) {
  const { dt } = useDeskT();
  return (
    <Badge color={SLA_COLOURS[state]} variant="filled">
      {dt(`sla.${state}`)}
      {remaining !== null && ` · ${formatMinutes(remaining, dt)}`}
    </Badge>
  );
}

export function formatMinutes(
  minutes: number,
  dt: (k: string, o?: Record<string, unknown>) => string,
): string {
  const m = Math.abs(Math.round(minutes));
  const text = m >= 60 ? dt('time.hours', { h: Math.floor(m / 60), m: m % 60 }) : dt('time.minutes', { m });
  return minutes < 0 ? `−${text}` : text;
}

export function Conversation({ entries }: { entries: Entry[] }) {
  const { dt, lang } = useDeskT();
  return (
    <Stack gap="sm">
      {entries.map((e) => (
        <Paper
          key={e.id}
          withBorder
          p="sm"
          data-testid={`entry-${e.visibility}`}
          bg={e.visibility === 'internal' ? 'yellow.0' : e.authorKind === 'customer' ? 'gray.0' : undefined}
        >
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={600}>
              {e.authorName ?? dt(`author.${e.authorKind}`)}
              {e.visibility === 'internal' && (
                <Badge ml="xs" size="xs" color="yellow">
                  {dt('ticket.internal')}
                </Badge>
              )}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(e.createdAt, lang)}
              {e.channel ? ` · ${dt(`channel.${e.channel}`)}` : ''}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {e.body}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Card withBorder padding="lg">
      <Text c="dimmed" ta="center">
        {children}
      </Text>
    </Card>
  );
}
