// Small pieces shared by the engagement pages: status badges, panels, the customer picker and
// a customer's name.
import { Badge, Card, Group, Select, Text, Title, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api } from '../../api/client.ts';
import type { CustomerSummary } from '../../api/customers.ts';
import type { Page } from '../../api/types.ts';
import { useCan } from '../../auth/session.ts';
import { ENGAGEMENT_KEY } from './api.ts';
import { useEngagementT } from './i18n.ts';

const STATUS_COLOURS: Record<string, string> = {
  queued: 'blue',
  sent: 'cyan',
  delivered: 'teal',
  opened: 'green',
  clicked: 'green',
  bounced: 'red',
  failed: 'red',
  suppressed: 'orange',
  cancelled: 'gray',
  draft: 'gray',
  pending_approval: 'yellow',
  active: 'green',
  retired: 'dark',
  completed: 'teal',
  exited: 'gray',
};

/** A message, template or run status in the reader's language. */
export function StatusBadge({
  status,
  kind = 'status',
}: {
  status: string;
  kind?: 'status' | 'templateStatus' | 'runState';
}) {
  const { et } = useEngagementT();
  return (
    <Badge
      color={STATUS_COLOURS[status] ?? 'gray'}
      variant="light"
      style={{ minWidth: 'max-content' }}
      data-testid={`${kind}-badge`}
    >
      {et(`${kind}.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function Panel({
  title,
  actions,
  children,
  testId,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        {actions}
      </Group>
      {children}
    </Card>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function customerLabel(c: CustomerSummary): string {
  return c.preferredName && c.preferredName !== c.legalName
    ? `${c.legalName} (${c.preferredName})`
    : c.legalName;
}

/** A searchable customer picker over the customers the user may see. */
export function CustomerPicker({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<CustomerSummary | null>(null);
  const query = useQuery({
    queryKey: ['customers', 'pick', q],
    queryFn: ({ signal }) =>
      api.get<Page<CustomerSummary>>('/api/v1/customers', {
        query: { q: q || undefined, limit: 20 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const byId = new Map((query.data?.items ?? []).map((c) => [c.id, c]));
  if (picked) byId.set(picked.id, picked);
  const current = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'customer', value],
    queryFn: ({ signal }) =>
      api.get<CustomerSummary>(`/api/v1/customers/${encodeURIComponent(value!)}`, { signal }),
    enabled: !!value && !byId.has(value),
    staleTime: Infinity,
  });
  if (current.data) byId.set(current.data.id, current.data);
  return (
    <Select
      {...props}
      searchable
      clearable
      data={[...byId.values()].map((c) => ({ value: c.id, label: customerLabel(c) }))}
      value={value}
      filter={({ options }) => options}
      onSearchChange={setSearch}
      onChange={(id) => {
        setPicked(id ? (byId.get(id) ?? null) : null);
        onChange(id);
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** A customer's name (cached for the session) when the user may read customers; else a short id. */
export function CustomerName({ id }: { id: string }) {
  const can = useCan();
  const query = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'customer', id],
    queryFn: ({ signal }) =>
      api.get<CustomerSummary>(`/api/v1/customers/${encodeURIComponent(id)}`, { signal }),
    enabled: can('customers.read'),
    staleTime: Infinity,
    retry: false,
  });
  return <>{query.data ? customerLabel(query.data) : id.slice(0, 8)}</>;
}

/** Why a message was held back, in the reader's language (unknown reasons as the server wrote them). */
export function useReason(): (reason: string | null | undefined) => string {
  const { et } = useEngagementT();
  return (reason) => (reason ? et(`reason.${reason}`, { defaultValue: reason }) : '');
}
