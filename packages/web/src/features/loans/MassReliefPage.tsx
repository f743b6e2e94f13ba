// Mass relief (hardship.approve): choose a cohort (a graduation year or range of study end
// dates, a product, a state), preview the loans and the interest that would be waived, then apply
// it as one audited operation. Any change to the cohort after a preview asks for a new preview,
// so what is applied is what was shown.
import { Alert, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconEye, IconHeartHandshake } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { ProductVersion } from '../../api/products.ts';
import { fieldErrorsOf } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { LOANS_KEY, MASS_RELIEF_STATES, type MassReliefFilter, type MassReliefResult } from './api.ts';
import { Money, Panel } from './components.tsx';
import { ErrorAlert } from './dialogs.tsx';
import { useLoansT } from './i18n.ts';

function graduationYears(now = new Date()): string[] {
  const y = now.getUTCFullYear();
  return Array.from({ length: 8 }, (_, i) => String(y + 1 - i));
}

function PreviewTable({ result }: { result: MassReliefResult }) {
  const { lt } = useLoansT();
  if (result.preview.length === 0) return <Text size="sm" c="dimmed">{lt('massRelief.noLoans')}</Text>;
  return (
    <Table striped verticalSpacing={4} data-testid="mass-relief-preview">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{lt('field.currency')}</Table.Th>
          <Table.Th ta="right">{lt('massRelief.loans')}</Table.Th>
          <Table.Th ta="right">{lt('massRelief.billed')}</Table.Th>
          <Table.Th ta="right">{lt('massRelief.accrued')}</Table.Th>
          <Table.Th ta="right">{lt('massRelief.total')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {result.preview.map((p) => (
          <Table.Tr key={p.currency}>
            <Table.Td>{p.currency}</Table.Td>
            <Table.Td ta="right">{p.loans}</Table.Td>
            <Table.Td ta="right">
              <Money value={p.billedInterest} currency={p.currency} />
            </Table.Td>
            <Table.Td ta="right">
              <Money value={p.accruedInterest} currency={p.currency} />
            </Table.Td>
            <Table.Td ta="right" fw={700}>
              <Money value={p.total} currency={p.currency} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default function MassReliefPage() {
  const { lt, lang } = useLoansT();
  const can = useCan();
  const client = useQueryClient();
  const [year, setYear] = useState<string | null>(null);
  const [filter, setFilter] = useState<MassReliefFilter>({});
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [applied, setApplied] = useState<{ result: MassReliefResult; at: string; filter: MassReliefFilter } | null>(null);
  const products = useQuery({
    queryKey: ['products', 'list'],
    queryFn: ({ signal }) => api.get<{ items: ProductVersion[] }>('/api/v1/products', { signal }),
    retry: false,
  });
  const productCodes = [...new Set((products.data?.items ?? []).map((p) => p.code))].sort();

  const run = (apply: boolean) =>
    api.post<MassReliefResult>('/api/v1/relief/mass', { action: 'waive-interest', filter, reason: reason.trim(), apply });
  const preview = useMutation({ mutationFn: () => run(false) });
  const apply = useMutation({
    mutationFn: () => run(true),
    onSuccess: async (result) => {
      setApplied({ result, at: new Date().toISOString(), filter });
      setConfirming(false);
      preview.reset();
      await client.invalidateQueries({ queryKey: LOANS_KEY });
    },
  });
  const change = (next: MassReliefFilter) => {
    // Drop empty fields: the API refuses unknown or empty members.
    setFilter(Object.fromEntries(Object.entries(next).filter(([, v]) => v)));
    preview.reset();
    apply.reset();
    setApplied(null);
  };
  const chooseYear = (y: string | null) => {
    setYear(y);
    change({ ...filter, studyEndFrom: y ? `${y}-01-01` : undefined, studyEndTo: y ? `${y}-12-31` : undefined });
  };
  const errors = fieldErrorsOf(preview.error ?? apply.error);
  const previewed = preview.data;

  return (
    <>
      <PageHeader title={lt('massRelief.title')} description={lt('massRelief.description')} />
      <Stack gap="md">
        <Panel title={lt('massRelief.cohort')}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {lt('massRelief.cohortHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
              <Select
                label={lt('massRelief.graduationYear')}
                placeholder={lt('massRelief.anyYear')}
                data={graduationYears()}
                value={year}
                onChange={chooseYear}
                clearable
                data-testid="mass-relief-year"
              />
              <TextInput
                type="date"
                label={lt('massRelief.studyEndFrom')}
                value={filter.studyEndFrom ?? ''}
                onChange={(e) => {
                  setYear(null);
                  change({ ...filter, studyEndFrom: e.currentTarget.value });
                }}
                error={errors['filter.studyEndFrom']}
              />
              <TextInput
                type="date"
                label={lt('massRelief.studyEndTo')}
                value={filter.studyEndTo ?? ''}
                onChange={(e) => {
                  setYear(null);
                  change({ ...filter, studyEndTo: e.currentTarget.value });
                }}
                error={errors['filter.studyEndTo']}
              />
              <Select
                label={lt('field.product')}
                placeholder={lt('list.anyProduct')}
                data={productCodes}
                value={filter.productCode ?? null}
                onChange={(v) => change({ ...filter, productCode: v ?? undefined })}
                clearable
                searchable
                error={errors['filter.productCode']}
                data-testid="mass-relief-product"
              />
              <Select
                label={lt('field.state')}
                placeholder={lt('list.anyState')}
                data={MASS_RELIEF_STATES.map((s) => ({ value: s, label: lt(`state.${s}`) }))}
                value={filter.state ?? null}
                onChange={(v) => change({ ...filter, state: v ?? undefined })}
                clearable
                error={errors['filter.state']}
                data-testid="mass-relief-state"
              />
            </SimpleGrid>
            <TextInput
              label={lt('massRelief.action')}
              value={lt('massRelief.waiveInterest')}
              readOnly
              description={lt('massRelief.actionHint')}
            />
            <Textarea
              label={lt('field.reason')}
              description={lt('massRelief.reasonHint')}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                apply.reset();
              }}
              autosize
              minRows={2}
              error={errors.reason}
              data-testid="mass-relief-reason"
            />
            {errors.filter && (
              <Alert color="red" p="xs">
                {errors.filter}
              </Alert>
            )}
            <ErrorAlert error={preview.error} />
            <Group justify="flex-end">
              <Button
                leftSection={<IconEye size={16} />}
                onClick={() => preview.mutate()}
                loading={preview.isPending}
                disabled={!reason.trim()}
                data-testid="mass-relief-preview-button"
              >
                {lt('massRelief.preview')}
              </Button>
            </Group>
          </Stack>
        </Panel>

        {previewed && (
          <Panel title={lt('massRelief.previewTitle')} testId="mass-relief-previewed">
            <Stack gap="sm">
              <Text size="sm">{lt('massRelief.previewHint', { count: previewed.loans })}</Text>
              <PreviewTable result={previewed} />
              <Group justify="flex-end">
                <Button
                  color="orange"
                  leftSection={<IconHeartHandshake size={16} />}
                  disabled={previewed.loans === 0}
                  onClick={() => setConfirming(true)}
                  data-testid="mass-relief-apply"
                >
                  {lt('massRelief.apply')}
                </Button>
              </Group>
            </Stack>
          </Panel>
        )}

        {applied && (
          <Card withBorder padding="md" data-testid="mass-relief-result">
            <Stack gap="xs">
              <Alert color="green" title={lt('massRelief.appliedTitle')}>
                {lt('massRelief.applied', { count: applied.result.loans })}
              </Alert>
              <PreviewTable result={applied.result} />
              <Text size="sm" data-testid="mass-relief-audit">
                {lt('massRelief.audit', { action: 'servicing.mass_relief', at: formatDateTime(applied.at, lang) })}{' '}
                {can('audit.read') && <Link to="/audit">{lt('massRelief.openAudit')}</Link>}
              </Text>
            </Stack>
          </Card>
        )}
      </Stack>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={lt('massRelief.confirmTitle')}>
        <Stack>
          <Text size="sm">{lt('massRelief.confirm', { count: previewed?.loans ?? 0 })}</Text>
          {previewed && <PreviewTable result={previewed} />}
          <ErrorAlert error={apply.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {lt('common.cancel')}
            </Button>
            <Button color="orange" onClick={() => apply.mutate()} loading={apply.isPending} data-testid="mass-relief-confirm">
              {lt('massRelief.apply')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
