import {
  Alert,
  Button,
  Card,
  FileInput,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { MODELS_KEY, riskFieldErrors, trainModel } from './api.ts';
import { RiskTabs, useRiskProblem } from './components.tsx';
import { columnValues, guessBad, guessTarget, parseCsv, type CsvPreview } from './csv.ts';
import { useRiskT } from './i18n.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

function nameFromFile(fileName: string): string {
  return fileName
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 80);
}

export default function TrainPage() {
  const { rt } = useRiskT();
  const message = useRiskProblem();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [bad, setBad] = useState<string | null>(null);
  const [folds, setFolds] = useState<number | string>(5);
  const [holdout, setHoldout] = useState<number | string>(20);
  const [seed, setSeed] = useState<number | string>(42);
  const [exclude, setExclude] = useState<string[]>([]);
  const [protectedCols, setProtectedCols] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const targetValues = useMemo(
    () => (preview && target ? columnValues(preview, target, 20) : []),
    [preview, target],
  );
  const otherColumns = (preview?.columns ?? []).filter((c) => c !== target);

  const onFile = async (f: File | null) => {
    setFile(f);
    setPreview(null);
    setReadError(null);
    setErrors({});
    setFormError(null);
    if (!f) return;
    try {
      const p = parseCsv(await f.text());
      if (p.columns.length < 2 || p.rows.length === 0) throw new Error('empty');
      setPreview(p);
      const tg = guessTarget(p);
      setTarget(tg);
      setBad(tg ? guessBad(columnValues(p, tg, 20)) : null);
      setExclude([]);
      setProtectedCols([]);
      if (!name) setName(nameFromFile(f.name));
    } catch {
      setReadError(rt('train.unreadable'));
    }
  };

  const train = useMutation({
    mutationFn: () =>
      trainModel(file!, {
        target: target!,
        bad: bad!,
        folds: Number(folds),
        holdout: Number(holdout) / 100,
        seed: Number(seed),
        exclude,
        protected: protectedCols,
        name,
        fileName: file!.name,
      }),
    onSuccess: async (r) => {
      notifications.show({
        color: 'green',
        message: rt('train.done', { name: r.model.name, version: r.model.version, auc: r.auc.toFixed(3) }),
      });
      await qc.invalidateQueries({ queryKey: MODELS_KEY });
      await navigate(`/risk/models/${r.model.id}`);
    },
    onError: (err) => {
      const fe = riskFieldErrors(err);
      // Column problems come back as data.<column>: show them under the file.
      const dataError = Object.entries(fe).find(([k]) => k === 'data' || k.startsWith('data.'))?.[1];
      setErrors({ ...fe, ...(dataError ? { data: dataError } : {}), ...(fe.csv ? { data: fe.csv } : {}) });
      setFormError(message(err));
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!file || !preview) local.data = rt('train.chooseFile');
    if (!target) local.target = rt('form.required');
    if (!bad) local.bad = rt('form.required');
    if (name && !NAME.test(name)) local.name = rt('train.nameFormat');
    const f = Number(folds);
    if (!Number.isInteger(f) || f < 2 || f > 20) local.folds = rt('train.foldsRange');
    const h = Number(holdout);
    if (!(h >= 0 && h <= 50)) local.holdout = rt('train.holdoutRange');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length === 0) train.mutate();
  };

  return (
    <>
      <PageHeader title={rt('train.title')} description={rt('train.description')} />
      <RiskTabs />
      <Card withBorder padding="md" maw={960}>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            {formError && (
              <Alert color="red" role="alert" data-testid="train-error">
                {formError}
              </Alert>
            )}
            <FileInput
              label={rt('train.file')}
              description={rt('train.fileHint')}
              placeholder={rt('train.filePlaceholder')}
              accept=".csv,text/csv,text/plain"
              leftSection={<IconFileSpreadsheet size={16} />}
              value={file}
              onChange={(f) => void onFile(f)}
              error={readError ?? errors.data ?? undefined}
              clearable
              required
              data-testid="train-file"
            />
            {preview && (
              <Text size="sm" c="dimmed" data-testid="train-preview">
                {rt('train.preview', { rows: preview.rows.length, columns: preview.columns.length })}
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={rt('train.target')}
                description={rt('train.targetHint')}
                data={preview?.columns ?? []}
                value={target}
                onChange={(v) => {
                  setTarget(v);
                  setBad(v && preview ? guessBad(columnValues(preview, v, 20)) : null);
                  setExclude((x) => x.filter((c) => c !== v));
                }}
                error={errors.target || undefined}
                disabled={!preview}
                searchable
                required
                data-testid="train-target"
              />
              <Select
                label={rt('train.bad')}
                description={rt('train.badHint')}
                data={targetValues.map((v) => ({ value: v.value, label: `${v.value || '∅'} (${v.count})` }))}
                value={bad}
                onChange={setBad}
                error={errors.bad || undefined}
                disabled={!target}
                required
                data-testid="train-bad"
              />
            </SimpleGrid>
            <MultiSelect
              label={rt('train.exclude')}
              description={rt('train.excludeHint')}
              data={otherColumns}
              value={exclude}
              onChange={setExclude}
              error={errors.exclude || undefined}
              disabled={!preview}
              searchable
              clearable
              data-testid="train-exclude"
            />
            <MultiSelect
              label={rt('train.protected')}
              description={rt('train.protectedHint')}
              data={otherColumns}
              value={protectedCols}
              onChange={setProtectedCols}
              error={errors.protected || undefined}
              disabled={!preview}
              searchable
              clearable
              data-testid="train-protected"
            />
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <TextInput
                label={rt('train.name')}
                description={rt('train.nameHint')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.name || undefined}
                data-testid="train-name"
              />
              <NumberInput
                label={rt('train.folds')}
                description={rt('train.foldsHint')}
                value={folds}
                onChange={setFolds}
                min={2}
                max={20}
                allowDecimal={false}
                error={errors.folds || undefined}
                data-testid="train-folds"
              />
              <NumberInput
                label={rt('train.holdout')}
                description={rt('train.holdoutHint')}
                value={holdout}
                onChange={setHoldout}
                min={0}
                max={50}
                suffix=" %"
                error={errors.holdout || undefined}
                data-testid="train-holdout"
              />
              <NumberInput
                label={rt('train.seed')}
                description={rt('train.seedHint')}
                value={seed}
                onChange={setSeed}
                min={0}
                allowDecimal={false}
                error={errors.seed || undefined}
                data-testid="train-seed"
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button
                type="submit"
                loading={train.isPending}
                leftSection={<IconPlayerPlay size={16} />}
                data-testid="train-submit"
              >
                {rt('train.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
