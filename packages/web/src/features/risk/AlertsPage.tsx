// The alert work queue: open alerts by severity and due date, filtered by severity, owner
// (mine, unassigned) and overdue; each opens the alert with its playbook.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Chip,
  Group,
  Loader,
  SegmentedControl,
  Switch,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RiskTabs, useRiskProblem } from './components.tsx';
import {
  ALERT_SEVERITIES,
  ALERTS_KEY,
  evaluateAlerts,
  PAGE,
  useAlerts,
  type AlertFilter,
  type AlertSeverity,
} from './ew-api.ts';
import { useRiskT } from './i18n.ts';

export const SEVERITY_COLOURS: Record<AlertSeverity, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
};

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  const { rt } = useRiskT();
  return (
    <Badge color={SEVERITY_COLOURS[severity]} variant="light" data-testid="alert-severity">
      {rt(`alerts.severity.${severity}`)}
    </Badge>
  );
}

export default function AlertsPage() {
  const { rt } = useRiskT();
  const can = useCan();
  const problem = useRiskProblem();
  const qc = useQueryClient();
  const [filter, setFilter] = useState<AlertFilter>({
    status: 'open',
    severity: [],
    owner: '',
    overdue: false,
    offset: 0,
  });
  const set = (patch: Partial<AlertFilter>) => setFilter((f) => ({ ...f, offset: 0, ...patch }));
  const alerts = useAlerts(filter);
  const evaluate = useMutation({
    mutationFn: evaluateAlerts,
    onSuccess: async (r) => {
      notifications.show({
        color: 'green',
        message: rt('alerts.evaluated', { date: r.businessDate, raised: r.raised }),
      });
      await qc.invalidateQueries({ queryKey: ALERTS_KEY });
    },
    onError: (e) => notifications.show({ color: 'red', message: problem(e) }),
  });
  const data = alerts.data;
  return (
    <>
      <PageHeader
        title={rt('alerts.title')}
        description={rt('alerts.description')}
        actions={
          can('risk.alerts.manage') && (
            <Button
              onClick={() => evaluate.mutate()}
              loading={evaluate.isPending}
              data-testid="risk-alerts-evaluate"
            >
              {rt('alerts.evaluate')}
            </Button>
          )
        }
      />
      <RiskTabs />
      <Card withBorder padding="md" mb="md">
        <Group gap="lg">
          <SegmentedControl
            value={filter.status}
            onChange={(v) => set({ status: v })}
            data={[
              { value: 'open', label: rt('alerts.status.open') },
              { value: 'closed', label: rt('alerts.status.closed') },
              { value: '', label: rt('alerts.all') },
            ]}
          />
          <Chip.Group
            multiple
            value={filter.severity}
            onChange={(v) => set({ severity: v })}
          >
            <Group gap={6}>
              {ALERT_SEVERITIES.map((s) => (
                <Chip key={s} value={s} size="xs" color={SEVERITY_COLOURS[s]}>
                  {rt(`alerts.severity.${s}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <SegmentedControl
            value={filter.owner}
            onChange={(v) => set({ owner: v })}
            data={[
              { value: '', label: rt('alerts.owner.anyone') },
              { value: 'me', label: rt('alerts.owner.me') },
              { value: 'none', label: rt('alerts.owner.none') },
            ]}
          />
          <Switch
            label={rt('alerts.overdueOnly')}
            checked={filter.overdue}
            onChange={(e) => set({ overdue: e.currentTarget.checked })}
            data-testid="risk-alerts-overdue"
          />
        </Group>
      </Card>
      <Card withBorder padding="md">
        {alerts.isPending && (
          <Center py="lg">
            <Loader />
          </Center>
        )}
        {alerts.isError && <Alert color="red">{problem(alerts.error)}</Alert>}
        {data && data.items.length === 0 && (
          <Text c="dimmed" size="sm" data-testid="risk-alerts-empty">
            {rt('alerts.empty')}
          </Text>
        )}
        {data && data.items.length > 0 && (
          <>
            <Table.ScrollContainer minWidth={860}>
              <Table highlightOnHover verticalSpacing="sm" data-testid="risk-alerts">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{rt('alerts.col.severity')}</Table.Th>
                    <Table.Th>{rt('alerts.col.alert')}</Table.Th>
                    <Table.Th>{rt('alerts.col.loan')}</Table.Th>
                    <Table.Th>{rt('alerts.col.raised')}</Table.Th>
                    <Table.Th>{rt('alerts.col.due')}</Table.Th>
                    <Table.Th ta="right">{rt('alerts.col.tasks')}</Table.Th>
                    <Table.Th>{rt('alerts.col.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((a) => (
                    <Table.Tr key={a.id} data-testid="risk-alert-row">
                      <Table.Td>
                        <SeverityBadge severity={a.severity} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/risk/alerts/${a.id}`} size="sm" fw={500}>
                          {rt(`alerts.kind.${a.kind}`)}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {a.detail}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/loans/${a.loanId}`} size="sm">
                          {a.loanNumber}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{a.raisedOn}</Table.Td>
                      <Table.Td>
                        <Text size="sm" c={a.overdue ? 'red' : undefined} fw={a.overdue ? 600 : undefined}>
                          {a.dueDate}
                          {a.overdue ? ` · ${rt('alerts.overdue')}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{a.tasks}</Table.Td>
                      <Table.Td>
                        {a.outcome ? rt(`alerts.outcome.${a.outcome}`) : rt(`alerts.status.${a.status}`)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between" mt="sm">
              <Text size="sm" c="dimmed">
                {rt('alerts.count', {
                  from: filter.offset + 1,
                  to: filter.offset + data.items.length,
                  total: data.total,
                })}
              </Text>
              <Group gap="xs">
                <Button
                  variant="default"
                  size="xs"
                  disabled={filter.offset === 0}
                  onClick={() => setFilter((f) => ({ ...f, offset: Math.max(0, f.offset - PAGE) }))}
                >
                  {rt('alerts.previous')}
                </Button>
                <Button
                  variant="default"
                  size="xs"
                  disabled={filter.offset + PAGE >= data.total}
                  onClick={() => setFilter((f) => ({ ...f, offset: f.offset + PAGE }))}
                >
                  {rt('alerts.next')}
                </Button>
              </Group>
            </Group>
          </>
        )}
      </Card>
    </>
  );
}
