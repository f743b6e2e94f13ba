// Small pieces shared by the data-governance pages.
import { Alert, Badge, Center, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useProblemMessage } from '../../api/problems.ts';
import { useDgT } from './i18n.ts';

const COLOURS: Record<string, string> = {
  open: 'blue',
  running: 'yellow',
  completed: 'green',
  released: 'green',
  refused: 'gray',
  rejected: 'red',
  failed: 'red',
  anonymised: 'green',
  deleted: 'green',
  held: 'orange',
  kept: 'gray',
};

/** A status in the user's language ("status.<value>"), coloured by what it means. */
export function StatusBadge({ status }: { status: string }) {
  const { gt } = useDgT();
  return (
    <Badge color={COLOURS[status] ?? 'gray'} variant="light">
      {gt(`status.${status}`)}
    </Badge>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" py="md">
      {children}
    </Text>
  );
}

/** Loading, error or the content of one query. */
export function QueryState({
  pending,
  error,
  children,
}: {
  pending: boolean;
  error: unknown;
  children: ReactNode;
}) {
  const message = useProblemMessage();
  if (pending)
    return (
      <Center py="md">
        <Loader />
      </Center>
    );
  if (error) return <Alert color="red">{message(error)}</Alert>;
  return <>{children}</>;
}

/** Days left to a statutory deadline, red once overdue, orange within five days. */
export function DaysLeft({ days }: { days: number }) {
  const { gt } = useDgT();
  const colour = days < 0 ? 'red' : days <= 5 ? 'orange' : undefined;
  return (
    <Text span c={colour} fw={days <= 5 ? 600 : undefined}>
      {days < 0 ? gt('dsr.overdueBy', { count: -days }) : gt('dsr.daysLeft', { count: days })}
    </Text>
  );
}

/** A SHA-256 checksum, shortened on screen with the full value on hover. */
export function Checksum({ value }: { value: string | null }) {
  if (!value) return <Text span>—</Text>;
  return (
    <Text span ff="monospace" size="sm" title={value}>
      {value.slice(0, 16)}…
    </Text>
  );
}
