import {
  Alert,
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
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalculator } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  riskFieldErrors,
  scoreApplication,
  useModel,
  useModels,
  type DefinitionFeature,
  type ScoreResponse,
} from './api.ts';
import { RiskTabs, StatusBadge, useRiskProblem } from './components.tsx';
import { fixed, percent } from './curves.ts';
import { useRiskT } from './i18n.ts';

const GRADE_COLOURS: Record<string, string> = { A: 'green', B: 'teal', C: 'yellow', D: 'orange', E: 'red' };
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function levelsOf(f: DefinitionFeature): string[] {
  return [...new Set(f.bins.flatMap((b) => b.levels ?? []))];
}

function AttributeInput({
  feature,
  value,
  onChange,
  error,
}: {
  feature: DefinitionFeature;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const { rt } = useRiskT();
  const testId = `score-attr-${feature.name}`;
  if (feature.kind === 'categorical') {
    return (
      <Select
        label={feature.name}
        description={rt('score.categorical')}
        data={levelsOf(feature)}
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        error={error}
        clearable
        searchable
        data-testid={testId}
      />
    );
  }
  const bounds = feature.bins.filter((b) => !b.missing);
  const lo = bounds.map((b) => b.upper).filter((x): x is number => typeof x === 'number');
  return (
    <TextInput
      label={feature.name}
      description={
        lo.length > 0
          ? rt('score.numericCuts', { cuts: lo.map((x) => fixed(x, 2).replace(/\.?0+$/, '')).join(' · ') })
          : rt('score.numeric')
      }
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      inputMode="decimal"
      data-testid={testId}
    />
  );
}

function Result({ result }: { result: ScoreResponse }) {
  const { rt } = useRiskT();
  return (
    <Card withBorder padding="md" data-testid="score-result">
      <Group gap="xl" mb="md" align="flex-end">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {rt('score.grade')}
          </Text>
          <Badge
            size="xl"
            radius="sm"
            color={GRADE_COLOURS[result.grade] ?? 'gray'}
            data-testid="score-grade"
          >
            {result.grade}
          </Badge>
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {rt('score.score')}
          </Text>
          <Text fz={28} fw={700} data-testid="score-value">
            {fixed(result.score, 1)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {rt('score.pd')}
          </Text>
          <Text fz={28} fw={700} data-testid="score-pd">
            {percent(result.pd, 2)}
          </Text>
        </div>
        <Text size="sm" c="dimmed">
          {rt('score.modelVersion', { name: result.model.name, version: result.model.version })}
          {result.stored ? ` · ${rt('score.stored')}` : ''}
        </Text>
      </Group>
      <Title order={5} mb={4}>
        {rt('score.reasons')}
      </Title>
      {result.reasons.length === 0 ? (
        <Text size="sm" c="dimmed">
          {rt('score.noReasons')}
        </Text>
      ) : (
        <Table fz="sm" mb="md" data-testid="score-reasons">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{rt('bins.feature')}</Table.Th>
              <Table.Th>{rt('bins.bin')}</Table.Th>
              <Table.Th ta="right">{rt('score.pointsLost')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.reasons.map((r, i) => (
              <Table.Tr key={r.feature} data-testid="score-reason">
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td ff="monospace">{r.feature}</Table.Td>
                <Table.Td ff="monospace">{r.bin}</Table.Td>
                <Table.Td ta="right">−{fixed(r.pointsLost, 1)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={5} mb={4}>
        {rt('score.contributions')}
      </Title>
      <Table fz="xs" striped>
        <Table.Tbody>
          {result.contributions.map((c) => (
            <Table.Tr key={c.feature}>
              <Table.Td ff="monospace">{c.feature}</Table.Td>
              <Table.Td ff="monospace">{c.bin}</Table.Td>
              <Table.Td ta="right">{fixed(c.points, 1)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result.challengers.length > 0 && (
        <>
          <Title order={5} mt="md" mb={4}>
            {rt('score.challengers')}
          </Title>
          <Table fz="sm" data-testid="score-challengers">
            <Table.Tbody>
              {result.challengers.map((c) => (
                <Table.Tr key={c.model.id}>
                  <Table.Td>
                    {c.model.name} · v{c.model.version}
                  </Table.Td>
                  <Table.Td>{fixed(c.score, 1)}</Table.Td>
                  <Table.Td>{percent(c.pd, 2)}</Table.Td>
                  <Table.Td>
                    <Badge color={GRADE_COLOURS[c.grade] ?? 'gray'}>{c.grade}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}

export default function ScorePage() {
  const { rt } = useRiskT();
  const message = useRiskProblem();
  const [params, setParams] = useSearchParams();
  const models = useModels();
  const usable = useMemo(() => (models.data ?? []).filter((m) => m.status !== 'retired'), [models.data]);
  const fallback = usable.find((m) => m.role === 'champion') ?? usable[0];
  const modelId = params.get('model') ?? fallback?.id ?? null;
  const model = useModel(modelId);
  const [values, setValues] = useState<Record<string, string>>({});
  const [applicationRef, setApplicationRef] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const features = model.data?.definition.features ?? [];

  const score = useMutation({
    mutationFn: () => {
      const attributes: Record<string, string | number | null> = {};
      for (const f of features) {
        const v = (values[f.name] ?? '').trim();
        attributes[f.name] = v === '' ? null : f.kind === 'numeric' && NUMBER.test(v) ? Number(v) : v;
      }
      return scoreApplication({
        model: { id: modelId! },
        attributes,
        ...(applicationRef.trim() ? { applicationRef: applicationRef.trim() } : {}),
      });
    },
    onSuccess: () => {
      setErrors({});
      setFormError(null);
    },
    onError: (err) => {
      setErrors(riskFieldErrors(err));
      setFormError(message(err));
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    for (const f of features) {
      const v = (values[f.name] ?? '').trim();
      if (f.kind === 'numeric' && v !== '' && !NUMBER.test(v))
        local[`attributes.${f.name}`] = rt('score.notNumber');
    }
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length === 0) score.mutate();
  };

  return (
    <>
      <PageHeader title={rt('score.title')} description={rt('score.description')} />
      <RiskTabs />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Card withBorder padding="md">
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="sm">
              {formError && (
                <Alert color="red" role="alert" data-testid="score-error">
                  {formError}
                </Alert>
              )}
              <Select
                label={rt('score.model')}
                data={usable.map((m) => ({
                  value: m.id,
                  label: `${m.name} · v${m.version} · ${rt(`status.${m.status}`)}${m.role ? ` · ${rt(`role.${m.role}`)}` : ''}`,
                }))}
                value={modelId}
                onChange={(v) => {
                  if (v) setParams({ model: v }, { replace: true });
                  score.reset();
                  setErrors({});
                }}
                error={errors['model.id'] || errors.model || undefined}
                allowDeselect={false}
                searchable
                data-testid="score-model"
              />
              {model.data && <StatusBadge status={model.data.status} role={model.data.role} />}
              {models.data && usable.length === 0 && (
                <Text size="sm" c="dimmed">
                  {rt('score.noModels')}
                </Text>
              )}
              {model.isPending && modelId && (
                <Center py="md">
                  <Loader size="sm" />
                </Center>
              )}
              {model.isError && <Alert color="red">{message(model.error)}</Alert>}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {features.map((f) => (
                  <AttributeInput
                    key={f.name}
                    feature={f}
                    value={values[f.name] ?? ''}
                    onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
                    error={errors[`attributes.${f.name}`] || undefined}
                  />
                ))}
              </SimpleGrid>
              {model.data?.status === 'active' && (
                <TextInput
                  label={rt('score.applicationRef')}
                  description={rt('score.applicationRefHint')}
                  value={applicationRef}
                  onChange={(e) => setApplicationRef(e.currentTarget.value)}
                  error={errors.applicationRef || undefined}
                  maxLength={200}
                  data-testid="score-ref"
                />
              )}
              <Text size="xs" c="dimmed">
                {rt('score.missingHint')}
              </Text>
              <Group justify="flex-end">
                <Button
                  type="submit"
                  leftSection={<IconCalculator size={16} />}
                  loading={score.isPending}
                  disabled={!model.data}
                  data-testid="score-submit"
                >
                  {rt('score.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
        {score.data && <Result result={score.data} />}
      </SimpleGrid>
    </>
  );
}
