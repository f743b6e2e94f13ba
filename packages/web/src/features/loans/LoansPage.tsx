// Loans list (staff): filter by state, delinquency bucket and product; open a new loan (loans.manage).
import { Alert, Button, Card, Group, Loader, Pagination, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { ProductVersion } from '../../api/products.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BUCKETS, fetchLoans, LOAN_STATES, LOANS_KEY } from './api.ts';
import { Empty, LoansTable } from './components.tsx';
import { useLoansT } from './i18n.ts';

const PAGE_SIZE = 25;

export default function LoansPage() {
  const { lt } = useLoansT();
  const can = useCan();
  const message = useProblemMessage();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const state = params.get('state') ?? undefined;
  const bucket = params.get('bucket') ?? undefined;
  const productCode = params.get('product') ?? undefined;

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  const query = useQuery({
    queryKey: [...LOANS_KEY, 'list', { state, bucket, productCode, page }],
    queryFn: ({ signal }) =>
      fetchLoans({ state, bucket, productCode, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const products = useQuery({
    queryKey: ['products', 'list'],
    queryFn: ({ signal }) => api.get<{ items: ProductVersion[] }>('/api/v1/products', { signal }),
    retry: false,
  });
  const productCodes = [...new Set((products.data?.items ?? []).map((p) => p.code))].sort();
  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <PageHeader
        title={lt('list.title')}
        description={lt('list.description')}
        actions={
          can('loans.manage') && (
            <Button component={Link} to="/loans/new" leftSection={<IconPlus size={16} />} data-testid="loans-open">
              {lt('open.action')}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              aria-label={lt('field.state')}
              placeholder={lt('list.anyState')}
              data={LOAN_STATES.map((s) => ({ value: s, label: lt(`state.${s}`) }))}
              value={state ?? null}
              onChange={(v) => set('state', v)}
              clearable
              data-testid="loans-filter-state"
            />
            <Select
              aria-label={lt('field.bucket')}
              placeholder={lt('list.anyBucket')}
              data={BUCKETS.map((b) => ({ value: b, label: lt(`bucket.${b}`) }))}
              value={bucket ?? null}
              onChange={(v) => set('bucket', v)}
              clearable
              data-testid="loans-filter-bucket"
            />
            <Select
              aria-label={lt('field.product')}
              placeholder={lt('list.anyProduct')}
              data={productCodes}
              value={productCode ?? null}
              onChange={(v) => set('product', v)}
              clearable
              searchable
              data-testid="loans-filter-product"
            />
          </SimpleGrid>
          {query.isError && (
            <Alert color="red" role="alert">
              {message(query.error)}
            </Alert>
          )}
          {query.isPending && <Loader />}
          {query.data && query.data.items.length === 0 && <Empty>{lt('list.empty')}</Empty>}
          {query.data && query.data.items.length > 0 && <LoansTable loans={query.data.items} />}
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="loans-total">
              {lt('list.total', { count: total })}
            </Text>
            {pages > 1 && <Pagination total={pages} value={page} onChange={(p) => set('page', String(p))} />}
          </Group>
        </Stack>
      </Card>
    </>
  );
}
