// The collections workspace (collections.work): delinquent loans, most days past due first, with
// filters by bucket, product and follow-up, and each loan's collection panel in a drawer
// (?loan=ID keeps it in the address, so a loan can be linked to directly). Those who may read
// risk also see each loan's behavioural grade and probability of default from the latest
// monthly review, can filter by grade and put the riskiest first.
import { Alert, Anchor, Badge, Card, Drawer, Group, Loader, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { useCan } from '../../auth/session.ts';
import { BUCKETS, LOANS_KEY, type BehaviourGrade, type CollectionQueueItem } from './api.ts';
import { CollectionPanel } from './collections.tsx';
import { BucketBadge, CustomerName, Empty, Money, StateBadge } from './components.tsx';
import { useLoansT } from './i18n.ts';

/** The queue endpoint's largest page; the workspace filters within it. */
const QUEUE_LIMIT = 500;
const FOLLOW_UPS = ['open-promise', 'no-promise', 'never-contacted'] as const;
const ORDERS = ['days-past-due', 'risk'] as const;

/**
 * Grades of the latest behavioural review, worst first: the delinquent loans are among them. A
 * loan graded outside the first page shows no grade (it is one of the better ones).
 */
function useGrades(enabled: boolean): Map<string, BehaviourGrade> | null {
  const dashboard = useQuery({
    queryKey: ['risk', 'behaviour', 'dashboard'],
    queryFn: ({ signal }) => api.get<{ month: string | null }>('/api/v1/risk/behaviour/grades', { signal }),
    enabled,
    retry: false,
  });
  const month = dashboard.data?.month ?? null;
  const grades = useQuery({
    queryKey: ['risk', 'behaviour', 'grades', month],
    queryFn: ({ signal }) =>
      api.get<{ items: BehaviourGrade[] }>(`/api/v1/risk/behaviour/grades/${month}/loans`, { query: { limit: QUEUE_LIMIT }, signal }),
    enabled: enabled && month !== null,
    retry: false,
  });
  if (!grades.data) return null;
  return new Map(grades.data.items.map((g) => [g.loanId, g]));
}

function matchesFollowUp(item: CollectionQueueItem, followUp: string | undefined): boolean {
  if (followUp === 'open-promise') return item.openPromiseDate !== null;
  if (followUp === 'no-promise') return item.openPromiseDate === null;
  if (followUp === 'never-contacted') return item.lastActionAt === null;
  return true;
}

function GradeCell({ grade }: { grade: BehaviourGrade | undefined }) {
  const { lt } = useLoansT();
  if (!grade) return <Text size="xs">—</Text>;
  return (
    <Text size="xs" title={lt('collections.gradeMonth', { month: grade.month })}>
      <b>{grade.grade}</b> · {lt('collections.pd', { pd: (grade.pd * 100).toFixed(1) })}
    </Text>
  );
}

export default function CollectionsPage() {
  const { lt, lang } = useLoansT();
  const message = useProblemMessage();
  const [params, setParams] = useSearchParams();
  const bucket = params.get('bucket') ?? undefined;
  const product = params.get('product') ?? undefined;
  const followUp = params.get('followUp') ?? undefined;
  const grade = params.get('grade') ?? undefined;
  const order = params.get('order') ?? 'days-past-due';
  const can = useCan();
  const grades = useGrades(can('risk.read'));
  const selected = params.get('loan');
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key !== 'loan' });
  };

  // The whole queue (its first page) gives the counts per bucket; a chosen bucket is asked of the
  // server, so its list is not limited to the most overdue loans of other buckets.
  const queue = (b: string | undefined) => ({
    queryKey: [...LOANS_KEY, 'collections-queue', b ?? null],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api.get<{ items: CollectionQueueItem[] }>('/api/v1/collections/queue', { query: { limit: QUEUE_LIMIT, bucket: b }, signal }),
  });
  const whole = useQuery(queue(undefined));
  const query = useQuery(queue(bucket));
  const all = whole.data?.items ?? [];
  const items = (query.data?.items ?? []).filter(
    (i) =>
      (!bucket || i.bucket === bucket) &&
      (!product || i.productCode === product) &&
      (!grade || grades?.get(i.loanId)?.grade === grade) &&
      matchesFollowUp(i, followUp),
  );
  // The queue comes most days past due first; "risk" puts the highest probability of default first.
  if (grades && order === 'risk') items.sort((a, b) => (grades.get(b.loanId)?.pd ?? -1) - (grades.get(a.loanId)?.pd ?? -1));
  const gradeNames = grades ? [...new Set([...grades.values()].map((g) => g.grade))].sort() : [];
  const capped = (query.data?.items.length ?? 0) >= QUEUE_LIMIT;
  const products = [...new Set(all.map((i) => i.productCode))].sort();
  // Arrears per bucket over the whole queue: where the work is.
  const perBucket = BUCKETS.filter((b) => b !== 'current').map((b) => ({ bucket: b, loans: all.filter((i) => i.bucket === b).length }));

  return (
    <>
      <PageHeader title={lt('collections.title')} description={lt('collections.description')} />
      <Stack gap="md">
        <Card withBorder padding="md">
          <Stack gap="md">
            <Group gap="xs" data-testid="collections-buckets">
              {perBucket.map((b) => (
                <Badge
                  key={b.bucket}
                  variant={bucket === b.bucket ? 'filled' : 'light'}
                  color={b.loans > 0 ? 'orange' : 'gray'}
                  style={{ cursor: 'pointer' }}
                  onClick={() => set('bucket', bucket === b.bucket ? null : b.bucket)}
                >
                  {lt(`bucket.${b.bucket}`)}: {b.loans}
                </Badge>
              ))}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: grades ? 5 : 3 }} spacing="sm">
              <Select
                aria-label={lt('field.bucket')}
                placeholder={lt('list.anyBucket')}
                data={BUCKETS.filter((b) => b !== 'current').map((b) => ({ value: b, label: lt(`bucket.${b}`) }))}
                value={bucket ?? null}
                onChange={(v) => set('bucket', v)}
                clearable
                data-testid="collections-filter-bucket"
              />
              <Select
                aria-label={lt('field.product')}
                placeholder={lt('list.anyProduct')}
                data={products}
                value={product ?? null}
                onChange={(v) => set('product', v)}
                clearable
              />
              <Select
                aria-label={lt('collections.followUp')}
                placeholder={lt('collections.anyFollowUp')}
                data={FOLLOW_UPS.map((f) => ({ value: f, label: lt(`followUp.${f}`) }))}
                value={followUp ?? null}
                onChange={(v) => set('followUp', v)}
                clearable
                data-testid="collections-filter-follow-up"
              />
              {grades && (
                <>
                  <Select
                    aria-label={lt('collections.grade')}
                    placeholder={lt('collections.anyGrade')}
                    data={gradeNames}
                    value={grade ?? null}
                    onChange={(v) => set('grade', v)}
                    clearable
                  />
                  <Select
                    aria-label={lt('collections.order')}
                    data={ORDERS.map((o) => ({ value: o, label: lt(`collectionsOrder.${o}`) }))}
                    value={order}
                    onChange={(v) => set('order', v)}
                    allowDeselect={false}
                  />
                </>
              )}
            </SimpleGrid>
            {query.isError && (
              <Alert color="red" role="alert">
                {message(query.error)}
              </Alert>
            )}
            {query.isPending && <Loader />}
            {query.data && items.length === 0 && <Empty>{lt('collections.empty')}</Empty>}
            {items.length > 0 && (
              <Table.ScrollContainer minWidth={1000}>
                <Table striped highlightOnHover verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{lt('field.loanNumber')}</Table.Th>
                      <Table.Th>{lt('field.customer')}</Table.Th>
                      <Table.Th>{lt('field.product')}</Table.Th>
                      <Table.Th>{lt('field.state')}</Table.Th>
                      <Table.Th ta="right">{lt('field.amountDue')}</Table.Th>
                      <Table.Th>{lt('field.bucket')}</Table.Th>
                      {grades && <Table.Th>{lt('collections.grade')}</Table.Th>}
                      <Table.Th>{lt('collections.lastAction')}</Table.Th>
                      <Table.Th>{lt('collections.openPromise')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((i) => (
                      <Table.Tr key={i.loanId} data-testid="collections-row" bg={selected === i.loanId ? 'var(--mantine-color-blue-light)' : undefined}>
                        <Table.Td>
                          <Anchor component="button" type="button" onClick={() => set('loan', i.loanId)} data-testid="collections-open">
                            {i.loanNumber}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{i.customerName ?? <CustomerName id={i.customerId} />}</Table.Td>
                        <Table.Td>{i.productCode}</Table.Td>
                        <Table.Td>
                          <StateBadge state={i.state} />
                        </Table.Td>
                        <Table.Td ta="right">
                          <Money value={i.amountDue} currency={i.currency} />
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <BucketBadge bucket={i.bucket} days={i.daysPastDue} />
                        </Table.Td>
                        {grades && (
                          <Table.Td>
                            <GradeCell grade={grades.get(i.loanId)} />
                          </Table.Td>
                        )}
                        <Table.Td>
                          <Text size="xs">{i.lastActionAt ? formatDateTime(i.lastActionAt, lang) : lt('collections.never')}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs">{i.openPromiseDate ? formatDate(i.openPromiseDate, lang) : '—'}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Text size="sm" c="dimmed" data-testid="collections-total">
              {lt(capped ? 'collections.totalCapped' : 'collections.total', { count: items.length, limit: QUEUE_LIMIT })}
            </Text>
          </Stack>
        </Card>
      </Stack>
      <Drawer opened={selected !== null} onClose={() => set('loan', null)} position="right" size="xl" title={lt('collections.panelTitle')}>
        {selected && <CollectionPanel loanId={selected} header />}
      </Drawer>
    </>
  );
}
