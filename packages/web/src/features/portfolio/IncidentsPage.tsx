// The operational incident log: loss events with their category, loss, linked risk and actions.
import {
  Alert,
  Anchor,
  Badge,
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
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../format.ts';
import {
  closeIncident,
  createIncident,
  INCIDENT_CATEGORIES,
  PORTFOLIO_KEY,
  useIncidents,
  useRegister,
  type IncidentInput,
} from './api.ts';
import { money, PortfolioTabs } from './components.tsx';
import { usePortfolioT } from './i18n.ts';

function IncidentForm({ onDone }: { onDone: () => void }) {
  const { pt } = usePortfolioT();
  const message = useProblemMessage();
  const client = useQueryClient();
  const register = useRegister();
  const [f, setF] = useState<IncidentInput>({
    occurredOn: new Date().toISOString().slice(0, 10),
    category: 'execution_delivery',
    title: '',
    lossAmount: '0.00',
    currency: 'CNY',
    riskId: null,
    actions: '',
  });
  const set = <K extends keyof IncidentInput>(k: K, v: IncidentInput[K]) => setF((s) => ({ ...s, [k]: v }));
  const save = useMutation({
    mutationFn: () => createIncident({ ...f, actions: f.actions?.trim() || undefined }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: PORTFOLIO_KEY });
      onDone();
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  return (
    <Card withBorder padding="md" data-testid="incident-form">
      <Title order={5} mb="sm">
        {pt('incidents.new')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput
              type="date"
              label={pt('incidents.occurredOn')}
              value={f.occurredOn}
              onChange={(e) => set('occurredOn', e.currentTarget.value)}
              error={errors.occurredOn}
              required
            />
            <Select
              label={pt('incidents.category')}
              data={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: pt(`incidentCategory.${c}`) }))}
              value={f.category}
              onChange={(v) => v && set('category', v)}
              error={errors.category}
            />
            <Select
              label={pt('incidents.risk')}
              data={(register.data?.items ?? []).map((r) => ({
                value: r.id,
                label: `${r.code} · ${r.title}`,
              }))}
              value={f.riskId ?? null}
              onChange={(v) => set('riskId', v)}
              clearable
              error={errors.riskId}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput
              label={pt('incidents.title')}
              value={f.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={errors.title}
              required
              data-testid="incident-title"
            />
            <TextInput
              label={pt('incidents.loss')}
              value={f.lossAmount}
              onChange={(e) => set('lossAmount', e.currentTarget.value)}
              error={errors.lossAmount}
              data-testid="incident-loss"
            />
            <TextInput
              label={pt('incidents.currency')}
              value={f.currency}
              onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())}
              error={errors.currency}
              maxLength={3}
            />
          </SimpleGrid>
          <Textarea
            label={pt('incidents.actions')}
            value={f.actions ?? ''}
            onChange={(e) => set('actions', e.currentTarget.value)}
            error={errors.actions}
            autosize
            minRows={2}
          />
          {save.isError && Object.keys(errors).length === 0 && (
            <Alert color="red">{message(save.error)}</Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {pt('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="incident-save">
              {pt('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export default function IncidentsPage() {
  const { pt, lang } = usePortfolioT();
  const can = useCan();
  const message = useProblemMessage();
  const client = useQueryClient();
  const q = useIncidents();
  const [adding, setAdding] = useState(false);
  const close = useMutation({
    mutationFn: (id: string) => closeIncident(id, null),
    onSuccess: () => client.invalidateQueries({ queryKey: PORTFOLIO_KEY }),
  });
  const manage = can('risk.register.manage');
  return (
    <>
      <PageHeader
        title={pt('incidents.pageTitle')}
        description={pt('incidents.description')}
        actions={
          manage &&
          !adding && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setAdding(true)}
              data-testid="incident-new"
            >
              {pt('incidents.new')}
            </Button>
          )
        }
      />
      <PortfolioTabs />
      <Stack gap="md">
        {adding && <IncidentForm onDone={() => setAdding(false)} />}
        <Card withBorder padding="md">
          {q.isPending && (
            <Center py="lg">
              <Loader />
            </Center>
          )}
          {q.isError && <Alert color="red">{message(q.error)}</Alert>}
          {close.isError && <Alert color="red">{message(close.error)}</Alert>}
          {q.data && q.data.length === 0 && (
            <Text c="dimmed" size="sm">
              {pt('incidents.empty')}
            </Text>
          )}
          {q.data && q.data.length > 0 && (
            <Table.ScrollContainer minWidth={820}>
              <Table fz="sm" striped data-testid="incident-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{pt('incidents.occurredOn')}</Table.Th>
                    <Table.Th>{pt('incidents.title')}</Table.Th>
                    <Table.Th>{pt('incidents.category')}</Table.Th>
                    <Table.Th ta="right">{pt('incidents.loss')}</Table.Th>
                    <Table.Th>{pt('incidents.risk')}</Table.Th>
                    <Table.Th>{pt('incidents.actions')}</Table.Th>
                    <Table.Th>{pt('incidents.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.data.map((i) => (
                    <Table.Tr key={i.id} data-testid="incident-row">
                      <Table.Td>{formatDate(i.occurredOn, lang)}</Table.Td>
                      <Table.Td>
                        {i.title}
                        {i.reportedByName && (
                          <Text size="xs" c="dimmed">
                            {i.reportedByName}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{pt(`incidentCategory.${i.category}`)}</Table.Td>
                      <Table.Td ta="right">{money(i.lossMinor, i.currency, lang)}</Table.Td>
                      <Table.Td>
                        {i.riskId ? (
                          <Anchor component={Link} to={`/portfolio/register/${i.riskId}`} size="sm">
                            {pt('incidents.viewRisk')}
                          </Anchor>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" lineClamp={2} maw={260}>
                          {i.actions ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge variant="light" color={i.status === 'open' ? 'orange' : 'gray'}>
                            {pt(`incidentStatus.${i.status}`)}
                          </Badge>
                          {manage && i.status === 'open' && (
                            <Button size="compact-xs" variant="subtle" onClick={() => close.mutate(i.id)}>
                              {pt('incidents.close')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      </Stack>
    </>
  );
}
