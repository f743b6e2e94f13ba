// The student portal's "My loans": the student's own loans (the server scopes GET /loans to
// them), each linking to its loan page with the schedule, "Make a payment" and "Request deferment".
import { Alert, Anchor, Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../format.ts';
import { fetchLoans, LOANS_KEY } from './api.ts';
import { BucketBadge, Empty, Money, StateBadge } from './components.tsx';
import { useLoansT } from './i18n.ts';

export default function MyLoansPage() {
  const { lt, lang } = useLoansT();
  const message = useProblemMessage();
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'mine'],
    queryFn: ({ signal }) => fetchLoans({ limit: 100 }, signal),
  });
  return (
    <>
      <PageHeader title={lt('my.title')} description={lt('my.description')} />
      {query.isError && <Alert color="red">{message(query.error)}</Alert>}
      {query.isPending && <Loader />}
      {query.data && query.data.items.length === 0 && <Empty>{lt('my.empty')}</Empty>}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {query.data?.items.map((l) => (
          <Card key={l.id} withBorder padding="md" data-testid="my-loan">
            <Stack gap="xs">
              <Group justify="space-between">
                <Anchor component={Link} to={`/loans/${l.id}`} fw={600} data-testid="loan-link">
                  {lt('loan.title', { number: l.loanNumber })}
                </Anchor>
                <StateBadge state={l.state} />
              </Group>
              <Text size="sm">
                {lt('field.principal')}: <Money value={l.balances.principal} currency={l.currency} />
              </Text>
              <Text size="sm">
                {lt('field.amountDue')}: <Money value={l.balances.amountDue} currency={l.currency} />
              </Text>
              <Text size="sm">
                {lt('field.nextDue')}: {l.repayment.nextDueDate ? formatDate(l.repayment.nextDueDate, lang) : '—'}
                {l.repayment.nextDueDate && (
                  <>
                    {' · '}
                    <Money value={l.repayment.levelPayment} currency={l.currency} />
                  </>
                )}
              </Text>
              {l.delinquency.daysPastDue > 0 && <BucketBadge bucket={l.delinquency.bucket} days={l.delinquency.daysPastDue} />}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
