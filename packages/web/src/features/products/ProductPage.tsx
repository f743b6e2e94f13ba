import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Group,
  JsonInput,
  List,
  Loader,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { EDUCATION_LEVELS } from '@bursar/core/customers-vocabulary';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import {
  AMORTISATIONS,
  fractionToPercent,
  INTEREST_METHODS,
  percentToFraction,
  PHASE_INTEREST,
  PRODUCT_CURRENCIES,
  PRODUCTS_KEY,
  REPRICING,
  setPath,
  type ProductDefinition,
  type ProductVersion,
} from '../../api/products.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { DAY_COUNTS, FREQUENCIES, ROUNDINGS } from '../calculator/options.ts';
import { label } from '../customers/labels.ts';
import { dayCountLabel, DefinitionView, productName, StatusBadge } from './DefinitionView.tsx';

export default function ProductPage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const can = useCan();
  const message = useProblemMessage();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [confirm, setConfirm] = useState<'activate' | 'discard' | null>(null);
  const history = useQuery({
    queryKey: [...PRODUCTS_KEY, 'one', code],
    queryFn: ({ signal }) => api.get<{ items: ProductVersion[] }>(`/api/v1/products/${encodeURIComponent(code)}`, { signal }),
    select: (d) => d.items,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: PRODUCTS_KEY });
  const selectVersion = (n: number) => setParams({ version: String(n) }, { replace: true });

  const newVersion = useMutation({
    mutationFn: (definition: ProductDefinition) => api.post<ProductVersion>('/api/v1/products', { definition }),
    onSuccess: async (v) => {
      notifications.show({ color: 'green', message: t('products.draftCreated', { code: v.code, version: v.version }) });
      await refresh();
      selectVersion(v.version);
    },
    onError: (err) => notifications.show({ color: 'red', message: message(err) }),
  });
  const act = useMutation({
    mutationFn: ({ kind, version }: { kind: 'activate' | 'discard'; version: number }) =>
      kind === 'activate'
        ? api.post<ProductVersion>(`/api/v1/products/${encodeURIComponent(code)}/versions/${version}/activate`)
        : api.delete(`/api/v1/products/${encodeURIComponent(code)}/versions/${version}`),
    onSuccess: async (_r, { kind, version }) => {
      notifications.show({ color: 'green', message: t(kind === 'activate' ? 'products.activated' : 'products.discarded', { code, version }) });
      setConfirm(null);
      await refresh();
      if (kind === 'discard') {
        const rest = (history.data ?? []).filter((v) => v.version !== version);
        if (rest.length === 0) await navigate('/products');
        else setParams({}, { replace: true });
      }
    },
    onError: (err) => notifications.show({ color: 'red', message: message(err) }),
  });

  if (history.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  if (history.isError) return <Alert color="red">{message(history.error)}</Alert>;
  const versions = history.data;
  const wanted = Number(params.get('version'));
  const shown =
    versions.find((v) => v.version === wanted) ?? versions.find((v) => v.status === 'draft') ?? versions.find((v) => v.status === 'active') ?? versions[0]!;
  const draft = versions.find((v) => v.status === 'draft');
  const manage = can('products.manage');

  return (
    <>
      <PageHeader
        title={productName(shown.name, i18n.language)}
        description={`${code} · ${t('products.versionN', { n: shown.version })}`}
        actions={
          <>
            <Button variant="default" component={Link} to="/products">
              {t('products.allProducts')}
            </Button>
            {manage && !draft && (
              <Button leftSection={<IconCopy size={16} />} onClick={() => newVersion.mutate(shown.definition)} loading={newVersion.isPending} data-testid="product-new-version">
                {t('products.newVersion')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        <Card withBorder padding="md">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Group gap="xs">
              <StatusBadge status={shown.status} version={shown.version} />
              {shown.basedOn && (
                <Text size="sm" c="dimmed">
                  {t('products.basedOn', { code: shown.basedOn })}
                </Text>
              )}
            </Group>
            {manage && shown.status === 'draft' && (
              <Group gap="xs">
                <Button color="red" variant="subtle" leftSection={<IconTrash size={16} />} onClick={() => setConfirm('discard')} data-testid="product-discard">
                  {t('products.discard')}
                </Button>
                <Button color="green" leftSection={<IconCheck size={16} />} onClick={() => setConfirm('activate')} data-testid="product-activate">
                  {t('products.activate')}
                </Button>
              </Group>
            )}
          </Group>
          {shown.status === 'draft' && manage ? (
            <Tabs defaultValue="edit" keepMounted={false}>
              <Tabs.List mb="md">
                <Tabs.Tab value="edit" data-testid="tab-edit">
                  {t('products.edit')}
                </Tabs.Tab>
                <Tabs.Tab value="view" data-testid="tab-view">
                  {t('products.view')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="edit">
                <DraftEditor key={`${shown.version}-${shown.createdAt}`} version={shown} />
              </Tabs.Panel>
              <Tabs.Panel value="view">
                <DefinitionView definition={shown.definition} />
              </Tabs.Panel>
            </Tabs>
          ) : (
            <DefinitionView definition={shown.definition} />
          )}
        </Card>

        <Card withBorder padding="md">
          <Title order={4} mb="sm">
            {t('products.history')}
          </Title>
          <Table.ScrollContainer minWidth={620}>
            <Table highlightOnHover fz="sm" data-testid="product-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('products.version')}</Table.Th>
                  <Table.Th>{t('products.statusLabel')}</Table.Th>
                  <Table.Th>{t('products.created')}</Table.Th>
                  <Table.Th>{t('products.activatedAt')}</Table.Th>
                  <Table.Th>{t('products.retiredAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {versions.map((v) => (
                  <Table.Tr key={v.version} bg={v.version === shown.version ? 'var(--mantine-color-indigo-0)' : undefined}>
                    <Table.Td>
                      <Anchor size="sm" onClick={() => selectVersion(v.version)}>
                        v{v.version}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={v.status} />
                    </Table.Td>
                    <Table.Td>{formatDateTime(v.createdAt, i18n.language)}</Table.Td>
                    <Table.Td>{v.activatedAt ? formatDateTime(v.activatedAt, i18n.language) : '—'}</Table.Td>
                    <Table.Td>{v.retiredAt ? formatDateTime(v.retiredAt, i18n.language) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      </Stack>
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={confirm === 'activate' ? t('products.activate') : t('products.discard')}>
        <Stack gap="sm">
          <Text size="sm">
            {confirm === 'activate'
              ? t('products.activateConfirm', { code, version: shown.version })
              : t('products.discardConfirm', { code, version: shown.version })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color={confirm === 'activate' ? 'green' : 'red'}
              loading={act.isPending}
              onClick={() => confirm && act.mutate({ kind: confirm, version: shown.version })}
              data-testid="confirm-action"
            >
              {confirm === 'activate' ? t('products.activate') : t('products.discard')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Form fields and the definition paths they edit, so server errors land under the right field. */
const FORM_PATHS = [
  'name.en',
  'name.zh-CN',
  'currency',
  'rate.annualRate',
  'rate.spreadBp',
  'rate.repricing',
  'interestMethod',
  'amortisation',
  'frequency',
  'dayCount',
  'rounding',
  'phases.inSchool.interest',
  'phases.grace.months',
  'phases.grace.interest',
  'phases.repayment.termMonths',
  'eligibleLevels',
  'defaultDaysPastDue',
  'fees.originationShare',
  'fees.lateFee',
  'notes',
];

function DraftEditor({ version }: { version: ProductVersion }) {
  const { t } = useTranslation();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const [def, setDef] = useState<ProductDefinition>(version.definition);
  const [json, setJson] = useState(() => JSON.stringify(version.definition, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [ratePct, setRatePct] = useState(def.rate.kind === 'fixed' ? (fractionToPercent(def.rate.annualRate) ?? '') : '');
  const [feePct, setFeePct] = useState(def.fees.originationShare ? (fractionToPercent(def.fees.originationShare) ?? '') : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const update = (next: ProductDefinition) => {
    setDef(next);
    setJson(JSON.stringify(next, null, 2));
    setJsonError(null);
  };
  const set = (path: string, value: unknown) => update(setPath(def, path, value));
  const err = (path: string) => errors[`definition.${path}`];

  const save = useMutation({
    mutationFn: () => api.put<ProductVersion>(`/api/v1/products/${encodeURIComponent(version.code)}/versions/${version.version}`, { definition: def }),
    onSuccess: async () => {
      setErrors({});
      setFormError(null);
      notifications.show({ color: 'green', message: t('products.draftSaved') });
      await qc.invalidateQueries({ queryKey: PRODUCTS_KEY });
    },
    onError: (e) => {
      setErrors(fieldErrorsOf(e));
      setFormError(message(e));
    },
  });
  const unmapped = Object.entries(errors).filter(([k]) => !FORM_PATHS.some((p) => k === `definition.${p}`));
  const select = (values: readonly string[], labelOf: (v: string) => string) => values.map((v) => ({ value: v, label: labelOf(v) }));

  return (
    <Stack gap="md">
      {formError && (
        <Alert color="red" role="alert" data-testid="draft-error">
          {formError}
          {unmapped.length > 0 && (
            <List size="sm" mt={4}>
              {unmapped.map(([k, v]) => (
                <List.Item key={k}>
                  <code>{k}</code>: {v}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        <TextInput label={t('products.nameEn')} value={def.name.en} onChange={(e) => set('name.en', e.currentTarget.value)} error={err('name.en')} />
        <TextInput label={t('products.nameZh')} value={def.name['zh-CN']} onChange={(e) => set('name.zh-CN', e.currentTarget.value)} error={err('name.zh-CN')} />
        <Select label={t('products.currency')} data={[...PRODUCT_CURRENCIES]} value={def.currency} onChange={(v) => v && set('currency', v)} error={err('currency')} />
      </SimpleGrid>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          value={def.rate.kind}
          onChange={(k) =>
            update({
              ...def,
              rate: k === 'fixed' ? { kind: 'fixed', annualRate: percentToFraction(ratePct || '0') ?? '0' } : { kind: 'floating', benchmark: 'CN-LPR-5Y', spreadBp: 0, repricing: 'annual-1-january' },
            })
          }
          data={[
            { value: 'fixed', label: t('products.fixed') },
            { value: 'floating', label: t('products.floating') },
          ]}
        />
        {def.rate.kind === 'fixed' ? (
          <TextInput
            label={t('products.annualRatePct')}
            rightSection="%"
            value={ratePct}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setRatePct(v);
              const f = percentToFraction(v);
              if (f !== null) set('rate.annualRate', f);
            }}
            error={err('rate.annualRate') ?? (percentToFraction(ratePct) === null ? t('products.rateFormat') : undefined)}
            data-testid="draft-rate"
          />
        ) : (
          <>
            <NumberInput label={t('products.spreadBp')} value={def.rate.spreadBp} onChange={(v) => set('rate.spreadBp', Number(v) || 0)} error={err('rate.spreadBp')} />
            <Select
              label={t('products.repricingLabel')}
              data={select(REPRICING, (v) => t(`products.repricing.${v}`))}
              value={def.rate.repricing}
              onChange={(v) => v && set('rate.repricing', v)}
              error={err('rate.repricing')}
            />
          </>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        <Select label={t('products.interestMethod')} data={select(INTEREST_METHODS, (v) => t(`products.interestMethods.${v}`))} value={def.interestMethod} onChange={(v) => v && set('interestMethod', v)} error={err('interestMethod')} />
        <Select label={t('products.amortisationLabel')} data={select(AMORTISATIONS, (v) => t(`products.amortisation.${v}`))} value={def.amortisation} onChange={(v) => v && set('amortisation', v)} error={err('amortisation')} />
        <Select label={t('products.frequency')} data={select(FREQUENCIES, (v) => t(`calculator.frequencies.${v}`))} value={def.frequency} onChange={(v) => v && set('frequency', v)} error={err('frequency')} />
        <Select label={t('products.dayCount')} data={select(DAY_COUNTS, (v) => dayCountLabel(t, v))} value={def.dayCount} onChange={(v) => v && set('dayCount', v)} error={err('dayCount')} />
        <Select label={t('products.rounding')} data={select(ROUNDINGS, (v) => t(`calculator.roundings.${v}`))} value={def.rounding} onChange={(v) => v && set('rounding', v)} error={err('rounding')} />
        <Select
          label={t('products.inSchool')}
          data={select(PHASE_INTEREST, (v) => t(`products.phaseInterest.${v}`))}
          value={def.phases.inSchool.interest}
          onChange={(v) => v && set('phases.inSchool.interest', v)}
          error={err('phases.inSchool.interest')}
        />
        <NumberInput label={t('products.graceMonthsLabel')} value={def.phases.grace.months} onChange={(v) => set('phases.grace.months', Number(v) || 0)} min={0} max={120} error={err('phases.grace.months')} />
        <Select
          label={t('products.graceInterest')}
          data={select(PHASE_INTEREST, (v) => t(`products.phaseInterest.${v}`))}
          value={def.phases.grace.interest}
          onChange={(v) => v && set('phases.grace.interest', v)}
          error={err('phases.grace.interest')}
        />
        <Switch mt="xl" label={t('products.principalFree')} checked={def.phases.grace.principalFree} onChange={(e) => set('phases.grace.principalFree', e.currentTarget.checked)} />
        {def.phases.repayment.termRule ? (
          <Text size="sm" mt="lg">
            {t('products.termRule', { plus: def.phases.repayment.termRule.yearsOfStudyPlus, max: def.phases.repayment.termRule.maxYears })}
          </Text>
        ) : (
          <NumberInput
            label={t('products.termMonthsLabel')}
            value={def.phases.repayment.termMonths ?? ''}
            onChange={(v) => set('phases.repayment.termMonths', v === '' ? undefined : Number(v))}
            min={1}
            max={600}
            error={err('phases.repayment.termMonths')}
            data-testid="draft-term"
          />
        )}
        <NumberInput label={t('products.defaultThreshold')} value={def.defaultDaysPastDue} onChange={(v) => set('defaultDaysPastDue', Number(v) || 0)} min={1} error={err('defaultDaysPastDue')} data-testid="draft-default" />
        <TextInput
          label={t('products.originationFeePct')}
          rightSection="%"
          value={feePct}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setFeePct(v);
            if (v.trim() === '') set('fees.originationShare', undefined);
            else {
              const f = percentToFraction(v);
              if (f !== null) set('fees.originationShare', f);
            }
          }}
          error={err('fees.originationShare')}
        />
        <TextInput
          label={t('products.lateFee')}
          rightSection={def.currency}
          rightSectionWidth={48}
          value={def.fees.lateFee ?? ''}
          onChange={(e) => set('fees.lateFee', e.currentTarget.value.trim() === '' ? undefined : e.currentTarget.value.trim())}
          error={err('fees.lateFee')}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('products.eligibleLevels')}
        data={EDUCATION_LEVELS.map((l) => ({ value: l, label: label(t, 'level', l) }))}
        value={def.eligibleLevels}
        onChange={(v) => set('eligibleLevels', v)}
        error={err('eligibleLevels')}
      />
      <Textarea label={t('products.notes')} value={def.notes ?? ''} onChange={(e) => set('notes', e.currentTarget.value || undefined)} error={err('notes')} autosize minRows={1} />
      <JsonInput
        label={t('products.json')}
        description={t('products.jsonHint')}
        value={json}
        onChange={(v) => {
          setJson(v);
          try {
            const parsed = JSON.parse(v) as ProductDefinition;
            setDef(parsed);
            if (parsed.rate?.kind === 'fixed') setRatePct(fractionToPercent(parsed.rate.annualRate) ?? '');
            setJsonError(null);
          } catch {
            setJsonError(t('products.jsonInvalid'));
          }
        }}
        error={jsonError}
        autosize
        minRows={8}
        maxRows={24}
        formatOnBlur
        data-testid="draft-json"
      />
      <Group justify="flex-end">
        <Button leftSection={<IconDeviceFloppy size={16} />} onClick={() => save.mutate()} loading={save.isPending} disabled={jsonError !== null} data-testid="draft-save">
          {t('products.saveDraft')}
        </Button>
      </Group>
    </Stack>
  );
}
