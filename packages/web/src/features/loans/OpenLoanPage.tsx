// Open a loan (loans.manage): customer, product (its active version), amount and dates. The
// server names any field it refuses (problem+json); on success the loan page opens with the
// "Disburse a tranche" dialog, the next step. ?customerId= preselects the customer.
import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { ProductVersion } from '../../api/products.ts';
import { fieldErrorsOf } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LOANS_KEY, type Loan } from './api.ts';
import { ErrorAlert } from './dialogs.tsx';
import { useLoansT } from './i18n.ts';
import { CustomerSelect } from './pickers.tsx';

interface Form {
  customerId: string | null;
  productCode: string | null;
  amount: string;
  openedOn: string;
  studyEndDate: string;
  yearsOfStudy: number | string;
  termMonths: number | string;
  loanNumber: string;
}

/** The request body: empty optional fields are left out (the API's schema is strict). */
function bodyOf(f: Form) {
  const num = (v: number | string) => (v === '' ? undefined : Number(v));
  return {
    customerId: f.customerId ?? '',
    productCode: f.productCode ?? '',
    amount: f.amount.trim(),
    openedOn: f.openedOn || undefined,
    studyEndDate: f.studyEndDate || undefined,
    yearsOfStudy: num(f.yearsOfStudy),
    termMonths: num(f.termMonths),
    loanNumber: f.loanNumber.trim() || undefined,
  };
}

export default function OpenLoanPage() {
  const { lt, lang } = useLoansT();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const [form, setForm] = useState<Form>({
    customerId: params.get('customerId'),
    productCode: null,
    amount: '',
    openedOn: '',
    studyEndDate: '',
    yearsOfStudy: '',
    termMonths: '',
    loanNumber: '',
  });
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const products = useQuery({
    queryKey: ['products', 'list'],
    queryFn: ({ signal }) => api.get<{ items: ProductVersion[] }>('/api/v1/products', { signal }),
    retry: false,
  });
  const active = (products.data?.items ?? []).filter((p) => p.status === 'active');
  const product = active.find((p) => p.code === form.productCode);
  const currency = product?.definition.currency ?? '';
  const mutation = useMutation({
    mutationFn: () => api.post<Loan>('/api/v1/loans', bodyOf(form)),
    onSuccess: async (loan) => {
      notifications.show({ color: 'green', message: lt('open.done', { number: loan.loanNumber }) });
      await client.invalidateQueries({ queryKey: LOANS_KEY });
      void navigate(`/loans/${loan.id}?disburse=1`);
    },
  });
  const errors = fieldErrorsOf(mutation.error);

  return (
    <>
      <PageHeader title={lt('open.title')} description={lt('open.description')} />
      <Card withBorder padding="md" maw={900}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            mutation.mutate();
          }}
        >
          <Stack gap="sm">
            <CustomerSelect value={form.customerId} onChange={(id) => set('customerId', id)} error={errors.customerId} testId="open-customer" />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={lt('field.product')}
                description={lt('open.productHint')}
                data={active.map((p) => ({ value: p.code, label: `${p.code} · ${p.name[lang === 'zh-CN' ? 'zh-CN' : 'en']}` }))}
                value={form.productCode}
                onChange={(v) => set('productCode', v)}
                searchable
                error={errors.productCode}
                data-testid="open-product"
              />
              <TextInput
                label={lt('open.amount')}
                description={lt('open.amountHint')}
                value={form.amount}
                onChange={(e) => set('amount', e.currentTarget.value)}
                rightSection={<Text size="xs">{currency}</Text>}
                rightSectionWidth={48}
                inputMode="decimal"
                error={errors.amount}
                data-testid="open-amount"
              />
              <TextInput
                type="date"
                label={lt('field.openedOn')}
                description={lt('disburse.dateHint')}
                value={form.openedOn}
                onChange={(e) => set('openedOn', e.currentTarget.value)}
                error={errors.openedOn}
              />
              <TextInput
                type="date"
                label={lt('open.studyEndDate')}
                description={lt('open.studyEndHint')}
                value={form.studyEndDate}
                onChange={(e) => set('studyEndDate', e.currentTarget.value)}
                error={errors.studyEndDate}
                data-testid="open-study-end"
              />
              <NumberInput
                label={lt('open.yearsOfStudy')}
                description={lt('open.yearsOfStudyHint')}
                value={form.yearsOfStudy}
                onChange={(v) => set('yearsOfStudy', v)}
                min={1}
                max={10}
                allowDecimal={false}
                error={errors.yearsOfStudy}
              />
              <NumberInput
                label={lt('open.termMonths')}
                description={lt('open.termMonthsHint')}
                value={form.termMonths}
                onChange={(v) => set('termMonths', v)}
                min={1}
                max={600}
                allowDecimal={false}
                error={errors.termMonths}
              />
              <TextInput
                label={lt('field.loanNumber')}
                description={lt('open.loanNumberHint')}
                value={form.loanNumber}
                onChange={(e) => set('loanNumber', e.currentTarget.value)}
                error={errors.loanNumber}
              />
            </SimpleGrid>
            <ErrorAlert error={mutation.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void navigate('/loans')}>
                {lt('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending} data-testid="open-submit">
                {lt('open.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
