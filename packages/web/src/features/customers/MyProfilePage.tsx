import { Alert, Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { CustomerSummary } from '../../api/customers.ts';
import { useProblemMessage } from '../../api/problems.ts';
import type { Page } from '../../api/types.ts';
import { CustomerView } from './CustomerPage.tsx';

// /auth/me does not name the student's customer record, so the page asks the customer list,
// which the server scopes to the student's own record.
export default function MyProfilePage() {
  const { t } = useTranslation();
  const message = useProblemMessage();
  const own = useQuery({
    queryKey: ['customers', 'own'],
    queryFn: ({ signal }) => api.get<Page<CustomerSummary>>('/api/v1/customers', { query: { limit: 1 }, signal }),
  });
  if (own.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  if (own.isError) return <Alert color="red">{message(own.error)}</Alert>;
  const mine = own.data.items[0];
  if (!mine) return <Alert color="gray">{t('myProfile.none')}</Alert>;
  return <CustomerView id={mine.id} mode="self" />;
}
