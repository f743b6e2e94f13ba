import { Alert, Anchor, Badge, Button, Card, Group, Pagination, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { CUSTOMERS_KEY, type CustomerSummary, type SchoolSummary, type Segment } from '../../api/customers.ts';
import { useProblemMessage } from '../../api/problems.ts';
import type { Page } from '../../api/types.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ClassBadge, SchoolSelect, schoolName } from './components.tsx';
import { label, options } from './labels.ts';

const PAGE_SIZE = 25;
const FILTERS = ['schoolId', 'level', 'economicStatus', 'creditRecord', 'loanNeed', 'status', 'tag', 'segmentId'] as const;

export default function CustomersPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const message = useProblemMessage();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [tagInput, setTagInput] = useState(params.get('tag') ?? '');
  const [tag] = useDebouncedValue(tagInput.trim(), 400);
  const [school, setSchool] = useState<SchoolSummary | null>(null);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  // The debounced search box and tag box write into the address, so a link or Back keeps them.
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) set({ q });
  }, [q]);
  useEffect(() => {
    if ((params.get('tag') ?? '') !== tag) set({ tag });
  }, [tag]);

  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]));
  const query = useQuery({
    queryKey: [...CUSTOMERS_KEY, 'list', { q: params.get('q') ?? '', ...filters, page }],
    queryFn: ({ signal }) =>
      api.get<Page<CustomerSummary>>('/api/v1/customers', {
        query: { q: params.get('q') ?? undefined, ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const segments = useQuery({
    queryKey: ['segments', 'list'],
    queryFn: ({ signal }) => api.get<Segment[]>('/api/v1/segments', { signal }),
    enabled: can('segments.manage'),
  });

  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(Math.min(total, 10_000) / PAGE_SIZE));
  const filterSelect = (key: (typeof FILTERS)[number], list: Parameters<typeof options>[1], placeholder: string) => (
    <Select
      aria-label={placeholder}
      placeholder={placeholder}
      data={options(t, list)}
      value={params.get(key)}
      onChange={(v) => set({ [key]: v })}
      clearable
    />
  );

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        description={t('customers.description')}
        actions={
          <>
            {can('customers.import') && (
              <Button variant="default" component={Link} to="/imports" leftSection={<IconFileImport size={16} />}>
                {t('imports.title')}
              </Button>
            )}
            {can('customers.manage') && (
              <Button component={Link} to="/customers/new" leftSection={<IconPlus size={16} />} data-testid="customer-new">
                {t('customers.create')}
              </Button>
            )}
          </>
        }
      />
      <Card withBorder padding="md">
        <Stack gap="md">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('customers.searchPlaceholder')}
            aria-label={t('customers.search')}
            description={t('customers.searchHint')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="customer-search"
          />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <SchoolSelect
              aria-label={t('customers.school')}
              placeholder={t('customers.anySchool')}
              value={params.get('schoolId')}
              initial={school}
              onChange={(id, s) => {
                setSchool(s);
                set({ schoolId: id });
              }}
            />
            {filterSelect('level', 'level', t('customers.anyLevel'))}
            {filterSelect('economicStatus', 'economicStatus', t('customers.anyEconomicStatus'))}
            {filterSelect('creditRecord', 'creditRecord', t('customers.anyCreditRecord'))}
            {filterSelect('loanNeed', 'loanNeed', t('customers.anyLoanNeed'))}
            {filterSelect('status', 'customerStatus', t('customers.anyStatus'))}
            <TextInput
              aria-label={t('customers.tag')}
              placeholder={t('customers.tag')}
              value={tagInput}
              onChange={(e) => setTagInput(e.currentTarget.value)}
            />
            {can('segments.manage') && (
              <Select
                aria-label={t('customers.segment')}
                placeholder={t('customers.anySegment')}
                data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                value={params.get('segmentId')}
                onChange={(v) => set({ segmentId: v })}
                clearable
                searchable
                data-testid="customer-segment"
              />
            )}
          </SimpleGrid>
          {query.isError && (
            <Alert color="red" role="alert">
              {message(query.error)}
            </Alert>
          )}
          <Table.ScrollContainer minWidth={880}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('customers.name')}</Table.Th>
                  <Table.Th>{t('customers.identifiers')}</Table.Th>
                  <Table.Th>{t('customers.school')}</Table.Th>
                  <Table.Th>{t('customers.classification')}</Table.Th>
                  <Table.Th>{t('customers.statusLabel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(query.data?.items ?? []).map((c) => (
                  <Table.Tr key={c.id} data-testid="customer-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/customers/${c.id}`} fw={500} size="sm">
                        {c.legalName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {[c.preferredName, c.dateOfBirth, c.externalRef].filter(Boolean).join(' · ')}
                      </Text>
                      {c.tags.length > 0 && (
                        <Group gap={4} mt={4}>
                          {c.tags.map((tg) => (
                            <Badge key={tg} size="xs" variant="outline" color="gray">
                              {tg}
                            </Badge>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {c.nationalId ?? '—'}
                      </Text>
                      <Text size="xs" ff="monospace">
                        {c.phone ?? '—'}
                      </Text>
                      <Text size="xs" ff="monospace" c="dimmed">
                        {c.email ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.school ? schoolName(c.school, i18n.language) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <ClassBadge axis="educationLevel" value={c.classes.educationLevel} />
                        <ClassBadge axis="economicStatus" value={c.classes.economicStatus} />
                        <ClassBadge axis="creditRecord" value={c.classes.creditRecord} />
                        <ClassBadge axis="loanNeed" value={c.classes.loanNeed} />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={c.status === 'active' ? 'green' : 'gray'}>
                        {label(t, 'customerStatus', c.status)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {query.isSuccess && query.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed" ta="center" py="md">
                        {t('customers.none')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="customer-total">
              {total > 10_000 ? t('customers.moreThan', { count: 10_000 }) : t('common.totalCount', { count: total })}
            </Text>
            <Pagination total={pages} value={page} onChange={(p) => set({ page: String(p) })} size="sm" />
          </Group>
        </Stack>
      </Card>
    </>
  );
}
