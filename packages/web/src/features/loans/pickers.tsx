// Pickers the staff pages share: a customer found by name, ID or phone (the customers search),
// and one of that customer's loans.
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { CustomerSummary } from '../../api/customers.ts';
import type { Page } from '../../api/types.ts';
import { formatMoney } from '../../format.ts';
import { fetchLoans, LOANS_KEY } from './api.ts';
import { useLoansT } from './i18n.ts';

function customerLabel(c: CustomerSummary): string {
  const name = c.preferredName && c.preferredName !== c.legalName ? `${c.legalName} (${c.preferredName})` : c.legalName;
  return c.externalRef ? `${name} · ${c.externalRef}` : name;
}

export function CustomerSelect({
  value,
  onChange,
  error,
  testId,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
  testId?: string;
}) {
  const { lt } = useLoansT();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'customer-search', q],
    queryFn: ({ signal }) => api.get<Page<CustomerSummary>>('/api/v1/customers', { query: { q: q || undefined, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const [chosen, setChosen] = useState<CustomerSummary | null>(null);
  // A customer given from outside (e.g. ?customerId=) is read once to show its name.
  const given = useQuery({
    queryKey: [...LOANS_KEY, 'customer-name', value],
    queryFn: ({ signal }) => api.get<CustomerSummary>(`/api/v1/customers/${encodeURIComponent(value!)}`, { signal }),
    enabled: value !== null && chosen === null,
    staleTime: Infinity,
    retry: false,
  });
  const items = query.data?.items ?? [];
  const known = chosen ?? given.data ?? null;
  // Keep the chosen customer among the options while the search moves on.
  const options = known && !items.some((c) => c.id === known.id) ? [known, ...items] : items;
  return (
    <Select
      label={lt('field.customer')}
      placeholder={lt('picker.customerPlaceholder')}
      searchable
      clearable
      filter={({ options: o }) => o}
      searchValue={search}
      onSearchChange={setSearch}
      data={options.map((c) => ({ value: c.id, label: customerLabel(c) }))}
      value={value}
      onChange={(id) => {
        setChosen(options.find((c) => c.id === id) ?? null);
        onChange(id);
      }}
      nothingFoundMessage={query.isFetching ? lt('picker.searching') : lt('picker.noCustomers')}
      error={error}
      data-testid={testId}
    />
  );
}

/** One of a customer's loans (open ones first, as the list API orders them). */
export function CustomerLoanSelect({
  customerId,
  value,
  onChange,
  error,
  testId,
}: {
  customerId: string | null;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
  testId?: string;
}) {
  const { lt } = useLoansT();
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'customer', customerId],
    queryFn: ({ signal }) => fetchLoans({ customerId: customerId!, limit: 100 }, signal),
    enabled: customerId !== null,
    retry: false,
  });
  return (
    <Select
      label={lt('picker.loan')}
      placeholder={customerId ? lt('picker.loanPlaceholder') : lt('picker.customerFirst')}
      disabled={!customerId}
      data={(query.data?.items ?? []).map((l) => ({
        value: l.id,
        label: `${l.loanNumber} · ${lt(`state.${l.state}`, { defaultValue: l.state })} · ${lt('field.amountDue')} ${formatMoney(l.balances.amountDue, l.currency)}`,
      }))}
      value={value}
      onChange={onChange}
      nothingFoundMessage={lt('picker.noLoans')}
      error={error}
      data-testid={testId}
    />
  );
}
