import {
  Alert,
  Button,
  Card,
  Center,
  Group,
  Loader,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { fetchFairness, riskFieldErrors, RISK_KEY, useModels } from './api.ts';
import { FairnessTables, RiskTabs, useRiskProblem } from './components.tsx';
import { fixed } from './curves.ts';
import { useRiskT } from './i18n.ts';

interface Filter {
  model: string;
  from: string;
  to: string;
  cutoffScore: number | string;
}

const day = (d: string, end: boolean) => (d ? `${d}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : undefined);

export default function FairnessPage() {
  const { rt } = useRiskT();
  const message = useRiskProblem();
  const models = useModels();
  const names = useMemo(() => [...new Set((models.data ?? []).map((m) => m.name))].sort(), [models.data]);
  const defaultName = models.data?.find((m) => m.role === 'champion')?.name ?? names[0] ?? '';
  const [draft, setDraft] = useState<Filter>({ model: '', from: '', to: '', cutoffScore: '' });
  const [applied, setApplied] = useState<Filter | null>(null);
  const current = applied ?? (defaultName ? { model: defaultName, from: '', to: '', cutoffScore: '' } : null);
  const report = useQuery({
    queryKey: [...RISK_KEY, 'fairness', current],
    queryFn: ({ signal }) =>
      fetchFairness(
        {
          model: current!.model,
          from: day(current!.from, false),
          to: day(current!.to, true),
          cutoffScore: current!.cutoffScore === '' ? undefined : Number(current!.cutoffScore),
        },
        signal,
      ),
    enabled: !!current,
  });
  const errors = riskFieldErrors(report.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ ...draft, model: draft.model || defaultName });
  };
  return (
    <>
      <PageHeader title={rt('fairness.title')} description={rt('fairness.description')} />
      <RiskTabs />
      <Stack gap="md">
        <Card withBorder padding="md">
          <form onSubmit={onSubmit} noValidate>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <Select
                label={rt('fairness.model')}
                data={names}
                value={draft.model || defaultName || null}
                onChange={(v) => setDraft((d) => ({ ...d, model: v ?? '' }))}
                error={errors.model || undefined}
                allowDeselect={false}
                data-testid="fairness-model"
              />
              <TextInput
                type="date"
                label={rt('fairness.from')}
                value={draft.from}
                onChange={(e) => setDraft((d) => ({ ...d, from: e.currentTarget.value }))}
                error={errors.from || undefined}
              />
              <TextInput
                type="date"
                label={rt('fairness.to')}
                value={draft.to}
                onChange={(e) => setDraft((d) => ({ ...d, to: e.currentTarget.value }))}
                error={errors.to || undefined}
              />
              <NumberInput
                label={rt('fairness.cutoff')}
                description={rt('fairness.cutoffHint')}
                value={draft.cutoffScore}
                onChange={(v) => setDraft((d) => ({ ...d, cutoffScore: v }))}
                error={errors.cutoffScore || undefined}
              />
            </SimpleGrid>
            <Group justify="flex-end" mt="sm">
              <Button
                type="submit"
                leftSection={<IconScale size={16} />}
                disabled={names.length === 0}
                data-testid="fairness-run"
              >
                {rt('fairness.run')}
              </Button>
            </Group>
          </form>
        </Card>
        <Card withBorder padding="md">
          {names.length === 0 && models.data && (
            <Text size="sm" c="dimmed">
              {rt('lab.empty')}
            </Text>
          )}
          {report.isFetching && (
            <Center py="md">
              <Loader size="sm" />
            </Center>
          )}
          {report.isError && <Alert color="red">{message(report.error)}</Alert>}
          {report.data && (
            <Stack gap="sm">
              <Text size="sm" data-testid="fairness-summary">
                {rt('fairness.summary', {
                  model: report.data.modelName,
                  applications: report.data.applications,
                  cutoff: report.data.cutoffScore === null ? '—' : fixed(report.data.cutoffScore, 1),
                })}
              </Text>
              <Text size="xs" c="dimmed">
                {rt('fairness.caveat')}
              </Text>
              <FairnessTables reports={report.data.reports} testId="live-fairness" />
            </Stack>
          )}
        </Card>
      </Stack>
    </>
  );
}
