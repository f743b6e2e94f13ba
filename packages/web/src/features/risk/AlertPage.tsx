// One alert: what fired and why, its playbook tasks, and the owner's actions: take it, run a
// playbook step by hand (e.g. a legal referral), close it with its outcome.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCan, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SeverityBadge } from './AlertsPage.tsx';
import { riskFieldErrors } from './api.ts';
import { RiskTabs, useRiskProblem } from './components.tsx';
import {
  ALERT_OUTCOMES,
  alertAction,
  ALERTS_KEY,
  PLAYBOOK_STEPS,
  useAlert,
  type AlertOutcome,
  type PlaybookStep,
} from './ew-api.ts';
import { useRiskT } from './i18n.ts';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

export default function AlertPage() {
  const { id = '' } = useParams();
  const { rt } = useRiskT();
  const can = useCan();
  const me = useMe();
  const problem = useRiskProblem();
  const qc = useQueryClient();
  const alert = useAlert(id);
  const [outcome, setOutcome] = useState<AlertOutcome | null>(null);
  const [note, setNote] = useState('');
  const [step, setStep] = useState<PlaybookStep | null>(null);
  const done = async (message: string) => {
    notifications.show({ color: 'green', message });
    await qc.invalidateQueries({ queryKey: ALERTS_KEY });
  };
  const close = useMutation({
    mutationFn: () => alertAction.close(id, outcome as AlertOutcome, note),
    onSuccess: () => done(rt('alert.closedDone')),
  });
  const assign = useMutation({
    mutationFn: (ownerId: string | null) => alertAction.assign(id, ownerId),
    onSuccess: () => done(rt('alert.assignedDone')),
    onError: (e) => notifications.show({ color: 'red', message: problem(e) }),
  });
  const runStep = useMutation({
    mutationFn: () => alertAction.step(id, step as PlaybookStep),
    onSuccess: () => done(rt('alert.stepDone')),
    onError: (e) => notifications.show({ color: 'red', message: problem(e) }),
  });
  const a = alert.data;
  const errors = close.error ? riskFieldErrors(close.error) : {};
  const work = can('risk.alerts.work');
  return (
    <>
      <PageHeader title={rt('alert.title')} description={a ? `${a.loanNumber} · ${a.detail}` : undefined} />
      <RiskTabs />
      {alert.isPending && (
        <Center py="lg">
          <Loader />
        </Center>
      )}
      {alert.isError && <Alert color="red">{problem(alert.error)}</Alert>}
      {a && (
        <Stack>
          <Card withBorder padding="md">
            <Group justify="space-between" mb="sm">
              <Group>
                <SeverityBadge severity={a.severity} />
                <Title order={4}>{rt(`alerts.kind.${a.kind}`)}</Title>
              </Group>
              {work && a.status === 'open' && (
                <Group gap="xs">
                  {a.ownerId !== me.id && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => assign.mutate(me.id)}
                      data-testid="alert-take"
                    >
                      {rt('alert.take')}
                    </Button>
                  )}
                  {a.ownerId && (
                    <Button size="xs" variant="default" onClick={() => assign.mutate(null)}>
                      {rt('alert.release')}
                    </Button>
                  )}
                </Group>
              )}
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Field label={rt('alerts.col.loan')}>
                <Anchor component={Link} to={`/loans/${a.loanId}`}>
                  {a.loanNumber}
                </Anchor>
              </Field>
              <Field label={rt('alert.customer')}>
                <Anchor component={Link} to={`/customers/${a.customerId}`}>
                  {rt('alert.openCustomer')}
                </Anchor>
              </Field>
              <Field label={rt('alerts.col.raised')}>{a.raisedOn}</Field>
              <Field label={rt('alerts.col.due')}>
                <Text span c={a.overdue ? 'red' : undefined}>
                  {a.dueDate}
                  {a.overdue ? ` · ${rt('alerts.overdue')}` : ''}
                </Text>
              </Field>
              <Field label={rt('alert.rule')}>{a.ruleCode}</Field>
              <Field label={rt('alert.owner')}>
                {a.ownerId === me.id
                  ? rt('alerts.owner.me')
                  : a.ownerId
                    ? a.ownerId.slice(0, 8)
                    : rt('alerts.owner.none')}
              </Field>
              <Field label={rt('alert.lastSeen')}>{a.lastSeenOn}</Field>
              <Field label={rt('alerts.col.status')}>
                {a.outcome ? rt(`alerts.outcome.${a.outcome}`) : rt(`alerts.status.${a.status}`)}
              </Field>
            </SimpleGrid>
            {a.outcomeNote && (
              <Text size="sm" mt="sm" data-testid="alert-outcome-note">
                {a.outcomeNote}
              </Text>
            )}
          </Card>
          <Card withBorder padding="md">
            <Title order={5} mb="sm">
              {rt('alert.playbook')}
            </Title>
            {a.playbook.length === 0 ? (
              <Text size="sm" c="dimmed">
                {rt('alert.noTasks')}
              </Text>
            ) : (
              <Table data-testid="alert-playbook">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{rt('alert.step')}</Table.Th>
                    <Table.Th>{rt('alert.task')}</Table.Th>
                    <Table.Th>{rt('alerts.col.due')}</Table.Th>
                    <Table.Th>{rt('alerts.col.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {a.playbook.map((p) => (
                    <Table.Tr key={p.taskId}>
                      <Table.Td>{rt(`alert.steps.${p.step}`)}</Table.Td>
                      <Table.Td>{p.title}</Table.Td>
                      <Table.Td>{p.dueDate ?? '—'}</Table.Td>
                      <Table.Td>{p.status}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {work && a.status === 'open' && (
              <Group align="flex-end" mt="md">
                <Select
                  label={rt('alert.addStep')}
                  data={PLAYBOOK_STEPS.map((s) => ({ value: s, label: rt(`alert.steps.${s}`) }))}
                  value={step}
                  onChange={(v) => setStep(v)}
                  w={280}
                />
                <Button disabled={!step} loading={runStep.isPending} onClick={() => runStep.mutate()}>
                  {rt('alert.runStep')}
                </Button>
              </Group>
            )}
          </Card>
          {work && a.status === 'open' && (
            <Card withBorder padding="md">
              <Title order={5} mb="sm">
                {rt('alert.close')}
              </Title>
              <Stack>
                <Select
                  label={rt('alert.outcome')}
                  data={ALERT_OUTCOMES.map((o) => ({ value: o, label: rt(`alerts.outcome.${o}`) }))}
                  value={outcome}
                  onChange={(v) => setOutcome(v)}
                  error={errors.outcome}
                  w={320}
                  data-testid="alert-outcome"
                />
                <Textarea
                  label={rt('alert.note')}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  error={errors.note}
                  autosize
                  minRows={2}
                />
                {close.isError && !Object.keys(errors).length && (
                  <Alert color="red">{problem(close.error)}</Alert>
                )}
                <Group>
                  <Button
                    disabled={!outcome}
                    loading={close.isPending}
                    onClick={() => close.mutate()}
                    data-testid="alert-close"
                  >
                    {rt('alert.closeButton')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          )}
        </Stack>
      )}
    </>
  );
}
