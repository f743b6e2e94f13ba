// The grade dashboard: the monthly behavioural review's grade distribution and the migration
// matrix from the month before; risk analysts run a month's review from here.
import {
  Alert,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RiskTabs, useRiskProblem } from './components.tsx';
import { GRADES_KEY, runReview, useGradeDashboard, type GradeMigration } from './ew-api.ts';
import { riskFieldErrors } from './api.ts';
import { useRiskT } from './i18n.ts';

function MigrationMatrix({ m, from, to }: { m: GradeMigration; from: string; to: string }) {
  const { rt } = useRiskT();
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table withTableBorder withColumnBorders data-testid="risk-migration">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{rt('grades.fromTo', { from, to })}</Table.Th>
            {m.grades.map((g) => (
              <Table.Th key={g} ta="right">
                {g}
              </Table.Th>
            ))}
            <Table.Th ta="right">{rt('grades.exited')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.grades.map((g, i) => (
            <Table.Tr key={g}>
              <Table.Th>{g}</Table.Th>
              {m.counts[i]!.map((n, j) => (
                <Table.Td
                  key={j}
                  ta="right"
                  bg={n === 0 ? undefined : j === i ? 'gray.1' : j > i ? 'red.0' : 'green.0'}
                >
                  {n}
                </Table.Td>
              ))}
              <Table.Td ta="right">{m.exited[i]}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th>{rt('grades.entered')}</Table.Th>
            {m.entered.map((n, j) => (
              <Table.Td key={j} ta="right">
                {n}
              </Table.Td>
            ))}
            <Table.Td />
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function GradesPage() {
  const { rt } = useRiskT();
  const can = useCan();
  const problem = useRiskProblem();
  const qc = useQueryClient();
  const [month, setMonth] = useState<string | null>(null);
  const [reviewMonth, setReviewMonth] = useState('');
  const dash = useGradeDashboard(month);
  const review = useMutation({
    mutationFn: () => runReview(reviewMonth.trim()),
    onSuccess: async (r) => {
      notifications.show({
        color: 'green',
        message: rt('grades.reviewed', { month: r.month, loans: r.loans }),
      });
      setMonth(r.month);
      await qc.invalidateQueries({ queryKey: GRADES_KEY });
    },
  });
  const fieldError = review.error ? riskFieldErrors(review.error).month : undefined;
  const d = dash.data;
  const total = d?.distribution.reduce((s, x) => s + x.loans, 0) ?? 0;
  return (
    <>
      <PageHeader title={rt('grades.title')} description={rt('grades.description')} />
      <RiskTabs />
      <Stack>
        {can('risk.alerts.manage') && (
          <Card withBorder padding="md">
            <Group align="flex-end">
              <TextInput
                label={rt('grades.reviewMonth')}
                placeholder="2026-10"
                value={reviewMonth}
                onChange={(e) => setReviewMonth(e.currentTarget.value)}
                error={fieldError}
                data-testid="risk-review-month"
              />
              <Button
                onClick={() => review.mutate()}
                loading={review.isPending}
                data-testid="risk-review-run"
              >
                {rt('grades.runReview')}
              </Button>
            </Group>
            {review.isError && !fieldError && (
              <Alert color="red" mt="sm">
                {problem(review.error)}
              </Alert>
            )}
          </Card>
        )}
        <Card withBorder padding="md">
          {dash.isPending && (
            <Center py="lg">
              <Loader />
            </Center>
          )}
          {dash.isError && <Alert color="red">{problem(dash.error)}</Alert>}
          {d && d.month === null && (
            <Text c="dimmed" size="sm" data-testid="risk-grades-empty">
              {rt('grades.empty')}
            </Text>
          )}
          {d && d.month !== null && (
            <Stack>
              <Group justify="space-between">
                <Title order={4}>{rt('grades.distribution', { month: d.month })}</Title>
                <Select
                  aria-label={rt('grades.month')}
                  data={d.months.map((m) => m.month)}
                  value={d.month}
                  onChange={(v) => v && setMonth(v)}
                  allowDeselect={false}
                  w={140}
                />
              </Group>
              <Table data-testid="risk-grade-distribution">
                <Table.Tbody>
                  {d.distribution.map((x) => (
                    <Table.Tr key={x.grade}>
                      <Table.Th w={60}>{x.grade}</Table.Th>
                      <Table.Td w={90} ta="right">
                        {x.loans}
                      </Table.Td>
                      <Table.Td>
                        <Progress value={total ? (100 * x.loans) / total : 0} size="lg" />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Title order={4}>{rt('grades.migration')}</Title>
              {d.migration && d.previousMonth ? (
                <>
                  <MigrationMatrix m={d.migration} from={d.previousMonth} to={d.month} />
                  <Text size="sm" c="dimmed">
                    {rt('grades.moves', {
                      upgraded: d.migration.upgraded,
                      downgraded: d.migration.downgraded,
                      stable: d.migration.stable,
                    })}
                  </Text>
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  {rt('grades.noPrevious')}
                </Text>
              )}
            </Stack>
          )}
        </Card>
      </Stack>
    </>
  );
}
