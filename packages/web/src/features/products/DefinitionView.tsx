// A product definition in words: what a loan officer reads, not the JSON.
import { Badge, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fractionToPercent, type ProductDefinition, type ProductStatus } from '../../api/products.ts';
import { groupDecimal } from '../../format.ts';
import { DAY_COUNT_KEYS } from '../calculator/options.ts';
import type { DayCount } from '../../api/types.ts';
import { label } from '../customers/labels.ts';
import { Field } from '../customers/components.tsx';

export function productName(name: { en: string; 'zh-CN': string }, lang: string): string {
  return lang === 'zh-CN' ? name['zh-CN'] : name.en;
}

export function rateText(t: TFunction, d: Pick<ProductDefinition, 'rate'>): string {
  if (d.rate.kind === 'fixed') return t('products.fixedRate', { rate: fractionToPercent(d.rate.annualRate) ?? d.rate.annualRate });
  const sign = d.rate.spreadBp >= 0 ? '+' : '−';
  return t('products.floatingRate', { sign, bp: Math.abs(d.rate.spreadBp) });
}

export function dayCountLabel(t: TFunction, dc: string): string {
  const key = DAY_COUNT_KEYS[dc as DayCount];
  return key ? t(`calculator.dayCounts.${key}`) : dc;
}

const STATUS_COLOR: Record<ProductStatus, string> = { draft: 'yellow', active: 'green', retired: 'gray' };

export function StatusBadge({ status, version }: { status: ProductStatus; version?: number }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" size="sm" data-testid={`status-${status}`}>
      {version !== undefined ? `v${version} · ` : ''}
      {t(`products.status.${status}`)}
    </Badge>
  );
}

const pct = (v: string | undefined) => (v !== undefined ? `${fractionToPercent(v) ?? v} %` : null);
const money = (v: string | undefined, currency: string) => (v !== undefined ? `${groupDecimal(v)} ${currency}` : null);

export function DefinitionView({ definition: d }: { definition: ProductDefinition }) {
  const { t } = useTranslation();
  const phase = (p: string) => t(`products.phaseInterest.${p}`);
  const term = d.phases.repayment.termMonths
    ? t('products.termMonths', { n: d.phases.repayment.termMonths })
    : d.phases.repayment.termRule
      ? t('products.termRule', { plus: d.phases.repayment.termRule.yearsOfStudyPlus, max: d.phases.repayment.termRule.maxYears })
      : '—';
  return (
    <Stack gap="md" data-testid="definition-view">
      <div>
        <Title order={5} mb="xs">
          {t('products.pricing')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Field name={t('products.rate')} testId="def-rate">
            {rateText(t, d)}
            {d.rate.kind === 'floating' && (
              <Text size="xs" c="dimmed">
                {t(`products.repricing.${d.rate.repricing}`)}
              </Text>
            )}
          </Field>
          <Field name={t('products.currency')}>{d.currency}</Field>
          <Field name={t('products.interestMethod')}>{t(`products.interestMethods.${d.interestMethod}`)}</Field>
          <Field name={t('products.amortisationLabel')}>{t(`products.amortisation.${d.amortisation}`)}</Field>
          <Field name={t('products.frequency')}>
            {t(`calculator.frequencies.${d.frequency}`)}
            {d.annualDueDate ? ` (${t('products.dueOn', { month: d.annualDueDate.month, day: d.annualDueDate.day })})` : ''}
          </Field>
          <Field name={t('products.dayCount')}>{dayCountLabel(t, d.dayCount)}</Field>
          <Field name={t('products.rounding')}>{t(`calculator.roundings.${d.rounding}`)}</Field>
          <Field name={t('products.repaymentPlans')}>{d.repaymentPlans?.join(', ') ?? null}</Field>
        </SimpleGrid>
      </div>
      <div>
        <Title order={5} mb="xs">
          {t('products.phases')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Field name={t('products.inSchool')}>
            {phase(d.phases.inSchool.interest)}
            {d.phases.inSchool.subsidisedBy ? ` · ${t('products.subsidisedBy', { by: t(`products.subsidisers.${d.phases.inSchool.subsidisedBy}`) })}` : ''}
          </Field>
          <Field name={t('products.grace')}>
            {t('products.graceMonths', { n: d.phases.grace.months })} · {phase(d.phases.grace.interest)}
            {d.phases.grace.principalFree ? ` · ${t('products.principalFree')}` : ''}
          </Field>
          <Field name={t('products.repayment')}>{term}</Field>
        </SimpleGrid>
      </div>
      <div>
        <Title order={5} mb="xs">
          {t('products.limits')}
        </Title>
        <Table.ScrollContainer minWidth={420}>
          <Table withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer.level')}</Table.Th>
                <Table.Th>{t('products.perYear')}</Table.Th>
                <Table.Th>{t('products.aggregate')}</Table.Th>
                <Table.Th>{t('products.effectiveFrom')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.limits.map((l, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{label(t, 'level', l.level)}</Table.Td>
                  <Table.Td>{money(l.perYear, d.currency)}</Table.Td>
                  <Table.Td>{money(l.aggregate, d.currency) ?? '—'}</Table.Td>
                  <Table.Td>{l.effectiveFrom ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </div>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Field name={t('products.eligibleLevels')} testId="def-levels">
          {d.eligibleLevels.map((l) => label(t, 'level', l)).join(', ')}
        </Field>
        <Field name={t('products.defaultThreshold')} testId="def-default">
          {t('products.daysPastDue', { n: d.defaultDaysPastDue })}
        </Field>
        <Field name={t('products.minimumPayment')}>{money(d.minimumPayment, d.currency)}</Field>
        <Field name={t('products.penaltyRate')}>
          {d.penaltyRate ? (d.penaltyRate.kind === 'fixed' ? pct(d.penaltyRate.value) : t('products.penaltyMultiplier', { x: d.penaltyRate.value })) : null}
        </Field>
        <Field name={t('products.capitalisation')}>
          {d.capitalisationEvents.length > 0 ? d.capitalisationEvents.map((e) => t(`products.capitalisationEvents.${e}`)).join(', ') : t('products.noCapitalisation')}
        </Field>
        <Field name={t('products.prepayment')}>{t('products.noPrepaymentPenalty')}</Field>
      </SimpleGrid>
      <div>
        <Title order={5} mb="xs">
          {t('products.fees')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Field name={t('products.originationFee')}>{pct(d.fees.originationShare)}</Field>
          <Field name={t('products.lateFee')}>
            {[money(d.fees.lateFee, d.currency), d.fees.lateFeeShare ? t('products.ofInstalment', { pct: pct(d.fees.lateFeeShare) }) : null].filter(Boolean).join(' · ') || null}
          </Field>
          <Field name={t('products.lateFeeCap')}>{money(d.fees.lateFeeCap, d.currency)}</Field>
          <Field name={t('products.lateFeeGrace')}>{d.fees.lateFeeGraceDays !== undefined ? t('products.days', { n: d.fees.lateFeeGraceDays }) : null}</Field>
          <Field name={t('products.returnedPaymentFee')}>{money(d.fees.returnedPaymentFee, d.currency)}</Field>
        </SimpleGrid>
      </div>
      {d.notes && (
        <Text size="sm" c="dimmed">
          {d.notes}
        </Text>
      )}
    </Stack>
  );
}
