// The customer 360's Loans section: shown only when the customer has loans and the user may
// read them (like the page's other sections, nothing is shown without data).
import { useQuery } from '@tanstack/react-query';
import { useCan } from '../../auth/session.ts';
import { fetchLoans, LOANS_KEY } from './api.ts';
import { LoansTable, Panel } from './components.tsx';
import { useLoansT } from './i18n.ts';

export function CustomerLoansSection({ customerId }: { customerId: string }) {
  const can = useCan();
  const { lt } = useLoansT();
  const query = useQuery({
    queryKey: [...LOANS_KEY, 'customer', customerId],
    queryFn: ({ signal }) => fetchLoans({ customerId, limit: 100 }, signal),
    enabled: can('loans.read'),
    retry: false,
  });
  if (!query.data || query.data.items.length === 0) return null;
  return (
    <Panel title={lt('customer.title')} testId="section-loans">
      <LoansTable loans={query.data.items} customer={false} />
    </Panel>
  );
}
