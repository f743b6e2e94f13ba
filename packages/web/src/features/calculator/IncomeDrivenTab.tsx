import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { LineChart } from '@mantine/charts';
import { IconScale } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import {
  INCOME_DRIVEN_PLANS,
  type FilingStatus,
  type IncomeDrivenPlan,
  type IncomeDrivenRequest,
  type IncomeDrivenResponse,
  type Region,
} from '../../api/types.ts';
import { formatDate, groupDecimal } from '../../format.ts';
import { formatPercent, percentToDecimal, toMoneyString } from './decimal.ts';
import { balancePoints, mergeSeries, type BalancePoint } from './projection.ts';
import { FILING_STATUSES, REGIONS } from './options.ts';

const PLAN_COLORS: Record<IncomeDrivenPlan, string> = {
  IBR: 'indigo.6',
  'IBR-new': 'blue.5',
  PAYE: 'teal.6',
  ICR: 'grape.6',
  RAP: 'orange.6',
  'UK-PLAN-2': 'red.6',
  'UK-PLAN-5': 'pink.5',
};

const UK_PLANS = new Set<IncomeDrivenPlan>(['UK-PLAN-2', 'UK-PLAN-5']);

type Outcome = { plan: IncomeDrivenPlan; ok: true; value: IncomeDrivenResponse } | { plan: IncomeDrivenPlan; ok: false; error: unknown };

/** US plans are priced in USD, UK plans in GBP (the engine insists); the same figures go to both. */
function currencyOf(plan: IncomeDrivenPlan): 'USD' | 'GBP' {
  return UK_PLANS.has(plan) ? 'GBP' : 'USD';
}

export function IncomeDrivenTab() {
  const { t, i18n } = useTranslation();
  const message = useProblemMessage();
  const [annualIncome, setAnnualIncome] = useState<string | number>(60000);
  const [familySize, setFamilySize] = useState<string | number>(1);
  const [year, setYear] = useState<string | number>(2025);
  const [region, setRegion] = useState<Region>('48');
  const [filingStatus, setFilingStatus] = useState<FilingStatus>('single');
  const [spouseIncome, setSpouseIncome] = useState<string | number>(0);
  const [balance, setBalance] = useState<string | number>(40000);
  const [ratePercent, setRatePercent] = useState<string | number>(6.53);
  const [plans, setPlans] = useState<string[]>([...INCOME_DRIVEN_PLANS]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const mutation = useMutation({
    mutationFn: async (requests: IncomeDrivenRequest[]): Promise<Outcome[]> => {
      const settled = await Promise.allSettled(
        requests.map((r) => api.post<IncomeDrivenResponse>('/api/v1/calculator/income-driven', r)),
      );
      return settled.map((s, i) => {
        const plan = requests[i]?.plan ?? 'IBR';
        return s.status === 'fulfilled' ? { plan, ok: true, value: s.value } : { plan, ok: false, error: s.reason as unknown };
      });
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    const income = toMoneyString(annualIncome);
    const bal = toMoneyString(balance);
    const rate = percentToDecimal(ratePercent);
    const spouse = toMoneyString(spouseIncome);
    const size = Number(familySize);
    const policyYear = Number(year);
    if (income === null) local.annualIncome = t('calculator.errors.amount');
    if (bal === null || Number(bal) <= 0) local.balance = t('calculator.errors.principal');
    if (rate === null || Number(rate) > 1) local.annualRate = t('calculator.errors.rate');
    if (!Number.isInteger(size) || size < 1) local.familySize = t('calculator.errors.familySize');
    if (!Number.isInteger(policyYear)) local.year = t('common.required');
    if (plans.length === 0) local.plans = t('calculator.errors.plans');
    setErrors(local);
    if (Object.keys(local).length > 0 || income === null || bal === null || rate === null) return;
    const married = filingStatus !== 'single';
    mutation.mutate(
      INCOME_DRIVEN_PLANS.filter((p) => plans.includes(p)).map((plan): IncomeDrivenRequest => {
        const uk = UK_PLANS.has(plan);
        return {
          plan,
          annualIncome: income,
          familySize: size,
          year: policyYear,
          balance: bal,
          currency: currencyOf(plan),
          // UK plans charge RPI (+ Plan 2's income taper) held by the engine for the year
          ...(uk ? {} : { annualRate: rate, region, filingStatus }),
          ...(!uk && married && spouse !== null ? { spouseIncome: spouse } : {}),
        };
      }),
    );
  };

  const outcomes = mutation.data;
  const firstError = outcomes?.find((o) => !o.ok);
  const fieldErrors = firstError && !firstError.ok ? fieldErrorsOf(firstError.error) : {};
  const shown = { ...fieldErrors, ...errors };

  const { chartData, series } = useMemo(() => {
    const byPlan: Record<string, BalancePoint[]> = {};
    for (const o of outcomes ?? []) {
      if (o.ok && o.value.projection.months.length > 0) byPlan[o.plan] = balancePoints(o.value.projection.months);
    }
    return {
      chartData: mergeSeries(byPlan),
      series: Object.keys(byPlan).map((plan) => ({
        name: plan,
        label: `${t(`calculator.plans.${plan}`)} (${currencyOf(plan as IncomeDrivenPlan)})`,
        color: PLAN_COLORS[plan as IncomeDrivenPlan],
      })),
    };
  }, [outcomes, t]);

  const rowError = (err: unknown): string =>
    err instanceof ApiError && err.problem.errors?.length
      ? err.problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ')
      : message(err);

  const married = filingStatus !== 'single';

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Card withBorder padding="md">
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="sm">
              <NumberInput
                label={t('calculator.balanceOwed')}
                value={balance}
                onChange={setBalance}
                min={0}
                decimalScale={2}
                thousandSeparator=","
                error={shown.balance}
                required
              />
              <NumberInput
                label={t('calculator.usRate')}
                description={t('calculator.usRateHint')}
                value={ratePercent}
                onChange={setRatePercent}
                min={0}
                max={100}
                decimalScale={4}
                suffix=" %"
                error={shown.annualRate}
                required
              />
              <NumberInput
                label={t('calculator.annualIncome')}
                description={t('calculator.annualIncomeHint')}
                value={annualIncome}
                onChange={setAnnualIncome}
                min={0}
                decimalScale={2}
                thousandSeparator=","
                error={shown.annualIncome}
                required
              />
              <Group grow align="flex-start">
                <NumberInput
                  label={t('calculator.familySize')}
                  value={familySize}
                  onChange={setFamilySize}
                  min={1}
                  max={20}
                  allowDecimal={false}
                  error={shown.familySize}
                  required
                />
                <NumberInput
                  label={t('calculator.policyYear')}
                  value={year}
                  onChange={setYear}
                  min={2000}
                  max={2100}
                  allowDecimal={false}
                  thousandSeparator=""
                  error={shown.year}
                  required
                />
              </Group>
              <Stack gap="sm">
                <Select
                  label={t('calculator.region')}
                  data={REGIONS.map((r) => ({ value: r, label: t(`calculator.regions.r${r}`) }))}
                  value={region}
                  onChange={(v) => setRegion(v ?? '48')}
                  allowDeselect={false}
                  error={shown.region}
                />
                <Select
                  label={t('calculator.filingStatus')}
                  data={FILING_STATUSES.map((f) => ({ value: f, label: t(`calculator.filingStatuses.${f}`) }))}
                  value={filingStatus}
                  onChange={(v) => setFilingStatus(v ?? 'single')}
                  allowDeselect={false}
                  error={shown.filingStatus}
                />
              </Stack>
              {married && (
                <NumberInput
                  label={t('calculator.spouseIncome')}
                  value={spouseIncome}
                  onChange={setSpouseIncome}
                  min={0}
                  decimalScale={2}
                  thousandSeparator=","
                  error={shown.spouseIncome}
                />
              )}
              <Checkbox.Group label={t('calculator.plansToCompare')} value={plans} onChange={setPlans} error={shown.plans}>
                <SimpleGrid cols={2} spacing={6} mt={6}>
                  {INCOME_DRIVEN_PLANS.map((p) => (
                    <Checkbox key={p} value={p} label={t(`calculator.plans.${p}`)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <Text size="xs" c="dimmed">
                {t('calculator.ukNote')}
              </Text>
              <Button type="submit" leftSection={<IconScale size={16} />} loading={mutation.isPending} data-testid="idr-submit">
                {t('calculator.compare')}
              </Button>
            </Stack>
          </form>
        </Card>
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="md">
          {mutation.isError && (
            <Alert color="red" role="alert">
              {message(mutation.error)}
            </Alert>
          )}
          {!outcomes && (
            <Card withBorder padding="xl">
              <Text c="dimmed" ta="center">
                {t('calculator.compareEmpty')}
              </Text>
            </Card>
          )}
          {outcomes && (
            <>
              <Card withBorder padding="md">
                <Title order={5} mb="sm">
                  {t('calculator.comparison')}
                </Title>
                <Table.ScrollContainer minWidth={560}>
                  <Table verticalSpacing="xs" fz="sm" data-testid="idr-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('calculator.plan')}</Table.Th>
                        <Table.Th ta="right">{t('calculator.monthlyPayment')}</Table.Th>
                        <Table.Th ta="right">{t('calculator.totalPaid')}</Table.Th>
                        <Table.Th ta="right">{t('calculator.forgiven')}</Table.Th>
                        <Table.Th>{t('calculator.ends')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {outcomes.map((o) => {
                        const cur = currencyOf(o.plan);
                        if (!o.ok) {
                          return (
                            <Table.Tr key={o.plan}>
                              <Table.Td fw={600}>{t(`calculator.plans.${o.plan}`)}</Table.Td>
                              <Table.Td colSpan={4}>
                                <Text size="sm" c="red">
                                  {rowError(o.error)}
                                </Text>
                              </Table.Td>
                            </Table.Tr>
                          );
                        }
                        const v = o.value;
                        const p = v.projection;
                        return (
                          <Table.Tr key={o.plan} data-testid={`idr-row-${o.plan}`}>
                            <Table.Td>
                              <Text size="sm" fw={600}>
                                {t(`calculator.plans.${o.plan}`)}
                              </Text>
                              <Text size="xs" c="dimmed">
                                {cur} · {t('calculator.rateUsed', { rate: formatPercent(v.annualRate) })}
                              </Text>
                            </Table.Td>
                            <Table.Td ta="right">
                              <Text size="sm" ff="monospace" fw={600}>
                                {groupDecimal(v.monthlyPayment)}
                              </Text>
                              <Text size="xs" c="dimmed">
                                {t('calculator.perYear', { amount: groupDecimal(v.annualPayment) })}
                              </Text>
                              {v.cappedAtStandard && (
                                <Badge size="xs" color="orange" variant="light" tt="none">
                                  {t('calculator.capped')}
                                </Badge>
                              )}
                            </Table.Td>
                            <Table.Td ta="right">
                              <Text size="sm" ff="monospace">
                                {groupDecimal(p.totalPaid)}
                              </Text>
                              <Text size="xs" c="dimmed">
                                {t('calculator.interestPart', { amount: groupDecimal(p.totalInterest) })}
                              </Text>
                            </Table.Td>
                            <Table.Td ta="right" ff="monospace">
                              {groupDecimal(p.forgiven)}
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm">
                                {p.payoffDate
                                  ? t('calculator.paidOffOn', { date: formatDate(p.payoffDate, i18n.language) })
                                  : p.forgivenessDate
                                    ? t('calculator.forgivenOn', { date: formatDate(p.forgivenessDate, i18n.language) })
                                    : '—'}
                              </Text>
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Text size="xs" c="dimmed" mt="xs">
                  {t('calculator.cappedHint')}
                </Text>
              </Card>
              {series.length > 0 && (
                <Card withBorder padding="md">
                  <Title order={5} mb="sm">
                    {t('calculator.balanceByPlan')}
                  </Title>
                  <LineChart
                    h={320}
                    data={chartData}
                    dataKey="year"
                    series={series}
                    curveType="linear"
                    withDots={false}
                    withLegend
                    connectNulls={false}
                    valueFormatter={(v) => groupDecimal(v.toFixed(0))}
                    xAxisLabel={t('calculator.years')}
                    yAxisProps={{ width: 80 }}
                  />
                </Card>
              )}
            </>
          )}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
