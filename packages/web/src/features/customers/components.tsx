import { Badge, Card, Group, Select, Text, Title, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassificationAxis } from '@bursar/core/customers-vocabulary';
import { api } from '../../api/client.ts';
import type { School, SchoolSummary } from '../../api/customers.ts';
import type { Page } from '../../api/types.ts';
import { AXIS_LIST, label } from './labels.ts';

export function schoolName(s: SchoolSummary, lang: string): string {
  if (s.nameLocal && lang === 'zh-CN') return s.nameLocal;
  return s.nameLocal && s.nameLocal !== s.name ? `${s.name} · ${s.nameLocal}` : s.name;
}

/** A searchable school picker over the catalogue (English or Chinese name, or code). */
export function SchoolSelect({
  value,
  onChange,
  initial,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (id: string | null, school: SchoolSummary | null) => void;
  /** the selected school's summary, so its name shows before any search */
  initial?: SchoolSummary | null;
}) {
  const { i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<SchoolSummary | null>(initial ?? null);
  const query = useQuery({
    queryKey: ['schools', 'pick', q],
    queryFn: ({ signal }) => api.get<Page<School>>('/api/v1/schools', { query: { q, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const byId = new Map<string, SchoolSummary>(items.map((s) => [s.id, s]));
  if (picked) byId.set(picked.id, picked);
  const data = [...byId.values()].map((s) => ({ value: s.id, label: `${schoolName(s, i18n.language)} (${s.country})` }));
  return (
    <Select
      {...props}
      searchable
      clearable
      data={data}
      value={value}
      filter={({ options }) => options}
      onSearchChange={setSearch}
      onChange={(id) => {
        const s = id ? (byId.get(id) ?? null) : null;
        setPicked(s);
        onChange(id, s);
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

const AXIS_COLOR: Record<string, string> = {
  financial_need: 'orange',
  self_funded_lifestyle: 'teal',
  adverse: 'red',
  established: 'green',
};

export function ClassBadge({ axis, value }: { axis: ClassificationAxis; value: string | null }) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <Badge variant="light" color={AXIS_COLOR[value] ?? 'indigo'} size="sm" data-testid={`class-${axis}`}>
      {label(t, AXIS_LIST[axis], value)}
    </Badge>
  );
}

/** One card of the customer 360 page. */
export function Section({
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
    <Card withBorder padding="md" radius="md" data-testid={testId}>
      <Group justify="space-between" mb="sm" gap="xs" wrap="wrap">
        <Title order={4}>{title}</Title>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Card>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" size="sm">
      {children}
    </Text>
  );
}

/** A label and a value, stacked: the read-only fields of the 360 page. */
export function Field({ name, children, testId }: { name: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {name}
      </Text>
      <Text size="sm" data-testid={testId} component="div">
        {children ?? '—'}
      </Text>
    </div>
  );
}
