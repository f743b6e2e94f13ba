// Suspicious-activity cases by filing deadline (30 days from detection), and opening a new case
// for a customer.
import { Anchor, Badge, Button, Group, Select, Stack, Table, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { SAR_TYPOLOGIES, SCREENING_KEY, type SarCase } from './api.ts';
import { Empty, ErrorAlert, fieldErrors, Panel, StatusBadge } from './components.tsx';
import { useScreeningT } from './i18n.ts';

function OpenCase() {
  const { kt } = useScreeningT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [customerId, setCustomerId] = useState('');
  const [typology, setTypology] = useState<string>('other');
  const [summary, setSummary] = useState('');
  const run = useMutation({
    mutationFn: () => api.post<SarCase>('/api/v1/aml/cases', { customerId, typology, summary }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: [...SCREENING_KEY, 'cases'] });
      void navigate(`/screening/cases/${c.id}`);
    },
  });
  const errors = fieldErrors(run.error);
  return (
    <Panel title={kt('cases.open')} testId="open-case">
      <Stack gap="xs">
        <Group grow>
          <TextInput
            label={kt('cases.customerId')}
            value={customerId}
            error={errors.customerId}
            onChange={(e) => setCustomerId(e.currentTarget.value.trim())}
          />
          <Select
            label={kt('cases.typology')}
            allowDeselect={false}
            value={typology}
            onChange={(v) => setTypology(v ?? 'other')}
            data={SAR_TYPOLOGIES.map((t) => ({ value: t, label: kt(`typology.${t}`) }))}
          />
        </Group>
        <Textarea
          label={kt('cases.summary')}
          autosize
          minRows={2}
          value={summary}
          error={errors.summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
        />
        <Group>
          <Button onClick={() => run.mutate()} loading={run.isPending}>
            {kt('cases.openButton')}
          </Button>
        </Group>
        {!errors.customerId && !errors.summary && <ErrorAlert error={run.error} />}
      </Stack>
    </Panel>
  );
}

export default function CasesPage() {
  const { kt, lang } = useScreeningT();
  const [open, setOpen] = useState<string>('true');
  const q = useQuery({
    queryKey: [...SCREENING_KEY, 'cases', open],
    queryFn: ({ signal }) => api.get<{ items: SarCase[] }>('/api/v1/aml/cases', { query: { open }, signal }),
  });
  return (
    <Stack>
      <PageHeader
        title={kt('cases.title')}
        description={kt('cases.description')}
        actions={
          <Select
            aria-label={kt('cases.filter')}
            allowDeselect={false}
            value={open}
            onChange={(v) => setOpen(v ?? 'true')}
            data={[
              { value: 'true', label: kt('cases.openOnes') },
              { value: 'false', label: kt('cases.closedOnes') },
            ]}
          />
        }
      />
      {q.isError && <ErrorAlert error={q.error} />}
      <Panel title={kt('cases.list')} testId="cases">
        {q.data && q.data.items.length === 0 ? (
          <Empty>{kt('cases.empty')}</Empty>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{kt('cases.reference')}</Table.Th>
                <Table.Th>{kt('common.customer')}</Table.Th>
                <Table.Th>{kt('cases.typology')}</Table.Th>
                <Table.Th>{kt('cases.status')}</Table.Th>
                <Table.Th>{kt('cases.detectedAt')}</Table.Th>
                <Table.Th>{kt('cases.filingDueAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data?.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/screening/cases/${c.id}`}>
                      {c.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.customerName}</Table.Td>
                  <Table.Td>{kt(`typology.${c.typology}`)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(c.detectedAt, lang)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {formatDateTime(c.filingDueAt, lang)}
                      {c.overdue ? (
                        <Badge color="red">{kt('cases.overdue')}</Badge>
                      ) : (
                        c.daysLeft !== null && <Badge color="yellow">{kt('cases.daysLeft', { count: c.daysLeft })}</Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Panel>
      <OpenCase />
    </Stack>
  );
}
