import {
  Alert,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { LineChart } from '@mantine/charts';
import { DateInput } from '@mantine/dates';
import { IconCalculator } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import type { DayCount, Frequency, Method, Rounding, ScheduleRequest, ScheduleResponse } from '../../api/types.ts';
import { chartNumber, formatDate, groupDecimal } from '../../format.ts';
import { percentToDecimal, toMoneyString } from './decimal.ts';
import {
  CURRENCIES,
  CURRENCY_DIGITS,
  DAY_COUNT_KEYS,
  DAY_COUNTS,
  FREQUENCIES,
  MAX_INSTALLMENTS,
  METHODS,
  ROUNDINGS,
  type CurrencyCode,
} from './options.ts';

function StatCard({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

export function ScheduleTab() {
  const { t, i18n } = useTranslation();
  const message = useProblemMessage();
  const [principal, setPrincipal] = useState<string | number>(15000);
  const [currency, setCurrency] = useState<CurrencyCode>('CNY');
  const [ratePercent, setRatePercent] = useState<string | number>(4.35);
  const [startDate, setStartDate] = useState<string | null>(dayjs().format('YYYY-MM-DD'));
  const [firstDueDate, setFirstDueDate] = useState<string | null>(null);
  const [installments, setInstallments] = useState<string | number>(60);
  const [frequency, setFrequency] = useState<Frequency>('monthly');
  const [method, setMethod] = useState<Method>('annuity');
  const [dayCount, setDayCount] = useState<DayCount>('30/360');
  const [rounding, setRounding] = useState<Rounding>('half-up');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const mutation = useMutation({
    mutationFn: (body: ScheduleRequest) => api.post<ScheduleResponse>('/api/v1/calculator/schedule', body),
    onError: (err) => setErrors(fieldErrorsOf(err)),
    onSuccess: () => setErrors({}),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    const digits = CURRENCY_DIGITS[currency];
    const p = toMoneyString(principal, digits);
    const rate = percentToDecimal(ratePercent);
    const n = typeof installments === 'number' ? installments : Number.parseInt(installments, 10);
    if (!p || Number(p) <= 0) local.principal = t('calculator.errors.principal', { digits });
    if (rate === null || Number(rate) > 1) local.annualRate = t('calculator.errors.rate');
    if (!startDate) local.startDate = t('common.required');
    if (!Number.isInteger(n) || n < 1 || n > MAX_INSTALLMENTS) local.installments = t('calculator.errors.installments', { max: MAX_INSTALLMENTS });
    setErrors(local);
    if (Object.keys(local).length > 0 || !p || rate === null || !startDate) return;
    mutation.mutate({
      principal: p,
      currency,
      annualRate: rate,
      startDate,
      ...(firstDueDate ? { firstDueDate } : {}),
      installments: n,
      frequency,
      method,
      dayCount,
      rounding,
    });
  };

  const result = mutation.data;
  const resultCurrency = mutation.variables?.currency ?? currency;
  const chartData = useMemo(() => {
    if (!result) return [];
    let paidInterest = 0;
    const start = mutation.variables?.principal ?? '0';
    return [
      { dueDate: mutation.variables?.startDate ?? '', balance: chartNumber(start), interest: 0 },
      ...result.installments.map((row) => {
        paidInterest += chartNumber(row.interest);
        return { dueDate: row.dueDate, balance: chartNumber(row.balance), interest: Math.round(paidInterest * 100) / 100 };
      }),
    ];
  }, [result, mutation.variables]);

  const options = (list: readonly string[], prefix: string) => list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Card withBorder padding="md">
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="sm">
              <Group grow align="flex-start" wrap="nowrap">
                <NumberInput
                  label={t('calculator.principal')}
                  value={principal}
                  onChange={setPrincipal}
                  min={0}
                  decimalScale={CURRENCY_DIGITS[currency]}
                  thousandSeparator=","
                  error={errors.principal}
                  required
                  data-testid="calc-principal"
                />
                <Select
                  label={t('calculator.currency')}
                  data={CURRENCIES.map((c) => ({ value: c, label: c }))}
                  value={currency}
                  onChange={(v) => setCurrency(v ?? 'CNY')}
                  allowDeselect={false}
                  data-testid="calc-currency"
                  error={errors.currency}
                  maw={110}
                />
              </Group>
              <NumberInput
                label={t('calculator.annualRate')}
                value={ratePercent}
                onChange={setRatePercent}
                min={0}
                max={100}
                decimalScale={4}
                suffix=" %"
                error={errors.annualRate}
                data-testid="calc-rate"
                required
              />
              <Group grow align="flex-start">
                <DateInput
                  label={t('calculator.startDate')}
                  value={startDate}
                  onChange={setStartDate}
                  valueFormat="YYYY-MM-DD"
                  error={errors.startDate}
                  required
                />
                <DateInput
                  label={t('calculator.firstDueDate')}
                  placeholder={t('calculator.firstDueDateAuto')}
                  value={firstDueDate}
                  onChange={setFirstDueDate}
                  valueFormat="YYYY-MM-DD"
                  clearable
                  error={errors.firstDueDate}
                />
              </Group>
              <Group grow align="flex-start">
                <NumberInput
                  label={t('calculator.installments')}
                  value={installments}
                  onChange={setInstallments}
                  min={1}
                  max={MAX_INSTALLMENTS}
                  allowDecimal={false}
                  error={errors.installments}
                  required
                />
                <Select
                  label={t('calculator.frequency')}
                  data={options(FREQUENCIES, 'calculator.frequencies')}
                  value={frequency}
                  onChange={(v) => setFrequency((v ?? 'monthly') as Frequency)}
                  allowDeselect={false}
                  error={errors.frequency}
                />
              </Group>
              <Select
                label={t('calculator.method')}
                data={options(METHODS, 'calculator.methods')}
                value={method}
                onChange={(v) => setMethod((v ?? 'annuity') as Method)}
                allowDeselect={false}
                error={errors.method}
              />
              <Group grow align="flex-start">
                <Select
                  label={t('calculator.dayCount')}
                  data={DAY_COUNTS.map((d) => ({ value: d, label: t(`calculator.dayCounts.${DAY_COUNT_KEYS[d]}`) }))}
                  value={dayCount}
                  onChange={(v) => setDayCount(v ?? '30/360')}
                  allowDeselect={false}
                  error={errors.dayCount}
                />
                <Select
                  label={t('calculator.rounding')}
                  data={options(ROUNDINGS, 'calculator.roundings')}
                  value={rounding}
                  onChange={(v) => setRounding((v ?? 'half-up') as Rounding)}
                  allowDeselect={false}
                  error={errors.rounding}
                />
              </Group>
              <Button type="submit" leftSection={<IconCalculator size={16} />} loading={mutation.isPending} data-testid="calc-submit">
                {t('calculator.compute')}
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
          {!result && !mutation.isError && (
            <Card withBorder padding="xl">
              <Text c="dimmed" ta="center">
                {t('calculator.emptyState')}
              </Text>
            </Card>
          )}
          {result && (
            <>
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                <StatCard
                  label={mutation.variables?.method === 'annuity' ? t('calculator.payment') : t('calculator.firstPayment')}
                  value={`${groupDecimal(mutation.variables?.method === 'annuity' ? result.payment : (result.installments[0]?.payment ?? result.payment))} ${resultCurrency}`}
                  testId="calc-payment"
                />
                <StatCard label={t('calculator.totalInterest')} value={`${groupDecimal(result.totalInterest)} ${resultCurrency}`} />
                <StatCard label={t('calculator.totalPaid')} value={`${groupDecimal(result.totalPaid)} ${resultCurrency}`} />
              </SimpleGrid>
              <Card withBorder padding="md">
                <Title order={5} mb="sm">
                  {t('calculator.balanceChart')}
                </Title>
                <LineChart
                  h={280}
                  data={chartData}
                  dataKey="dueDate"
                  series={[
                    { name: 'balance', label: t('calculator.balance'), color: 'indigo.6' },
                    { name: 'interest', label: t('calculator.cumulativeInterest'), color: 'orange.6' },
                  ]}
                  curveType="linear"
                  withDots={false}
                  withLegend
                  valueFormatter={(v) => groupDecimal(v.toFixed(2))}
                  xAxisProps={{ minTickGap: 40 }}
                  yAxisProps={{ width: 80 }}
                />
              </Card>
              <Card withBorder padding="md">
                <Title order={5} mb="sm">
                  {t('calculator.scheduleTable', { count: result.installments.length })}
                </Title>
                <ScrollArea.Autosize mah={480} type="auto">
                  <Table striped stickyHeader verticalSpacing={4} fz="sm" data-testid="calc-table" miw={560}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('calculator.n')}</Table.Th>
                        <Table.Th>{t('calculator.dueDate')}</Table.Th>
                        <Table.Th ta="right">{t('calculator.paymentCol')}</Table.Th>
                        <Table.Th ta="right">{t('calculator.principalCol')}</Table.Th>
                        <Table.Th ta="right">{t('calculator.interest')}</Table.Th>
                        <Table.Th ta="right">{t('calculator.balance')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {result.installments.map((row) => (
                        <Table.Tr key={row.n}>
                          <Table.Td>{row.n}</Table.Td>
                          <Table.Td>{formatDate(row.dueDate, i18n.language)}</Table.Td>
                          <Table.Td ta="right" ff="monospace">
                            {groupDecimal(row.payment)}
                          </Table.Td>
                          <Table.Td ta="right" ff="monospace">
                            {groupDecimal(row.principal)}
                          </Table.Td>
                          <Table.Td ta="right" ff="monospace">
                            {groupDecimal(row.interest)}
                          </Table.Td>
                          <Table.Td ta="right" ff="monospace">
                            {groupDecimal(row.balance)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                    <Table.Tfoot>
                      <Table.Tr fw={700}>
                        <Table.Td colSpan={2}>{t('calculator.totals')}</Table.Td>
                        <Table.Td ta="right" ff="monospace">
                          {groupDecimal(result.totalPaid)}
                        </Table.Td>
                        <Table.Td ta="right" ff="monospace">
                          {groupDecimal(mutation.variables?.principal ?? '')}
                        </Table.Td>
                        <Table.Td ta="right" ff="monospace">
                          {groupDecimal(result.totalInterest)}
                        </Table.Td>
                        <Table.Td />
                      </Table.Tr>
                    </Table.Tfoot>
                  </Table>
                </ScrollArea.Autosize>
              </Card>
            </>
          )}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
