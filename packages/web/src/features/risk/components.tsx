import { Badge, Card, Group, Stack, Table, Tabs, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import type { FairnessReport, ModelRole, ModelStatus } from './api.ts';
import { fixed, percent } from './curves.ts';
import { useRiskT } from './i18n.ts';

const STATUS_COLOURS: Record<ModelStatus, string> = {
  draft: 'gray',
  validated: 'blue',
  approved: 'teal',
  active: 'green',
  retired: 'dark',
};

export function StatusBadge({ status, role }: { status: ModelStatus; role?: ModelRole | null }) {
  const { rt } = useRiskT();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={STATUS_COLOURS[status]} variant="light" data-testid="model-status">
        {rt(`status.${status}`)}
      </Badge>
      {role && (
        <Badge color={role === 'champion' ? 'yellow' : 'grape'} variant="outline" data-testid="model-role">
          {rt(`role.${role}`)}
        </Badge>
      )}
    </Group>
  );
}

/** Problem types of the risk API explained in the user's language; others as the app does. */
const RISK_PROBLEMS = new Set([
  'four-eyes',
  'invalid-model-state',
  'no-active-model',
  'model-retired',
  'model-not-active',
  'month-not-closed',
  'alert-closed',
  'no-business-date',
]);

export function useRiskProblem(): (err: unknown) => string {
  const { rt } = useRiskT();
  const general = useProblemMessage();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && RISK_PROBLEMS.has(err.kind)) {
        const detail = err.problem.detail ? ` (${err.problem.detail})` : '';
        return rt(`problems.${err.kind}`) + (err.kind === 'invalid-model-state' ? detail : '');
      }
      return general(err);
    },
    [general, rt],
  );
}

/** The model lab's own tabs: models, train, score, fairness (each as the user may use it). */
export function RiskTabs() {
  const { rt } = useRiskT();
  const can = useCan();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = [
    { to: '/risk/models', label: rt('tabs.models'), show: can('risk.read') },
    { to: '/risk/train', label: rt('tabs.train'), show: can('risk.models.manage') },
    { to: '/risk/score', label: rt('tabs.score'), show: can('risk.score') },
    { to: '/risk/fairness', label: rt('tabs.fairness'), show: can('risk.read') },
    { to: '/risk/grades', label: rt('tabs.grades'), show: can('risk.read') },
    { to: '/risk/alerts', label: rt('tabs.alerts'), show: can('risk.alerts.work') },
    { to: '/risk/alert-rules', label: rt('tabs.rules'), show: can('risk.read') },
  ].filter((x) => x.show);
  const current =
    tabs.find((x) => location.pathname === x.to)?.to ??
    (location.pathname.startsWith('/risk/models')
      ? '/risk/models'
      : location.pathname.startsWith('/risk/alerts/')
        ? '/risk/alerts'
        : null);
  return (
    <Tabs value={current} onChange={(v) => v && void navigate(v)} mb="md">
      <Tabs.List>
        {tabs.map((x) => (
          <Tabs.Tab key={x.to} value={x.to} data-testid={`risk-tab-${x.to.split('/').pop()}`}>
            {x.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

export function Metric({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={22} fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

export function FairnessTables({
  reports,
  testId = 'fairness',
}: {
  reports: readonly FairnessReport[];
  testId?: string;
}) {
  const { rt } = useRiskT();
  if (reports.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid={`${testId}-empty`}>
        {rt('fairness.none')}
      </Text>
    );
  return (
    <Stack gap="md" data-testid={testId}>
      {reports.map((r) => (
        <div key={r.attribute}>
          <Group gap="xs" mb={4}>
            <Text fw={600} ff="monospace" size="sm">
              {r.attribute}
            </Text>
            {r.flagged ? (
              <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} />}>
                {rt('fairness.flagged')}
              </Badge>
            ) : (
              <Badge color="green" variant="light">
                {rt('fairness.ok')}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {rt('fairness.reference', { group: r.referenceGroup, threshold: r.threshold })}
            </Text>
          </Group>
          <Table.ScrollContainer minWidth={520}>
            <Table fz="sm" striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{rt('fairness.group')}</Table.Th>
                  <Table.Th ta="right">{rt('fairness.count')}</Table.Th>
                  <Table.Th ta="right">{rt('fairness.approved')}</Table.Th>
                  <Table.Th ta="right">{rt('fairness.approvalRate')}</Table.Th>
                  <Table.Th ta="right">{rt('fairness.air')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.groups.map((g) => (
                  <Table.Tr key={g.group} c={g.flagged ? 'red' : undefined}>
                    <Table.Td>{g.group}</Table.Td>
                    <Table.Td ta="right">{g.count}</Table.Td>
                    <Table.Td ta="right">{g.approved}</Table.Td>
                    <Table.Td ta="right">{percent(g.approvalRate)}</Table.Td>
                    <Table.Td ta="right">
                      {g.flagged ? (
                        <Tooltip label={rt('fairness.flagHint', { threshold: r.threshold })}>
                          <span>{fixed(g.adverseImpactRatio, 2)} ⚠</span>
                        </Tooltip>
                      ) : (
                        fixed(g.adverseImpactRatio, 2)
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      ))}
    </Stack>
  );
}
