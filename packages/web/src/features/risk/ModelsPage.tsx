import { Alert, Anchor, Button, Card, Center, Loader, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { useModels } from './api.ts';
import { RiskTabs, StatusBadge, useRiskProblem } from './components.tsx';
import { fixed } from './curves.ts';
import { useRiskT } from './i18n.ts';

export default function ModelsPage() {
  const { rt, lang } = useRiskT();
  const can = useCan();
  const message = useRiskProblem();
  const models = useModels();
  return (
    <>
      <PageHeader
        title={rt('lab.title')}
        description={rt('lab.description')}
        actions={
          can('risk.models.manage') && (
            <Button
              component={Link}
              to="/risk/train"
              leftSection={<IconPlus size={16} />}
              data-testid="risk-train-new"
            >
              {rt('lab.trainNew')}
            </Button>
          )
        }
      />
      <RiskTabs />
      <Card withBorder padding="md">
        {models.isPending && (
          <Center py="lg">
            <Loader />
          </Center>
        )}
        {models.isError && <Alert color="red">{message(models.error)}</Alert>}
        {models.data && models.data.length === 0 && (
          <Text c="dimmed" size="sm" data-testid="risk-models-empty">
            {rt('lab.empty')}
          </Text>
        )}
        {models.data && models.data.length > 0 && (
          <Table.ScrollContainer minWidth={820}>
            <Table highlightOnHover verticalSpacing="sm" data-testid="risk-models">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{rt('model.name')}</Table.Th>
                  <Table.Th>{rt('model.status')}</Table.Th>
                  <Table.Th ta="right">AUC</Table.Th>
                  <Table.Th ta="right">Gini</Table.Th>
                  <Table.Th ta="right">KS</Table.Th>
                  <Table.Th ta="right">{rt('model.rows')}</Table.Th>
                  <Table.Th>{rt('model.features')}</Table.Th>
                  <Table.Th>{rt('model.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {models.data.map((m) => (
                  <Table.Tr key={m.id} data-testid="risk-model-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/risk/models/${m.id}`} fw={500} size="sm">
                        {m.name} · v{m.version}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {rt(`source.${m.source}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={m.status} role={m.role} />
                    </Table.Td>
                    <Table.Td ta="right">{fixed(m.metrics?.auc)}</Table.Td>
                    <Table.Td ta="right">{fixed(m.metrics?.gini)}</Table.Td>
                    <Table.Td ta="right">{fixed(m.metrics?.ks)}</Table.Td>
                    <Table.Td ta="right">{m.metrics?.rows ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="xs" lineClamp={2} maw={260}>
                        {m.features.join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(m.createdAt, lang)}</Text>
                      <Text size="xs" c="dimmed">
                        {m.createdBy ?? '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </>
  );
}
