// The student's "My data": ask for a copy of their personal data, a correction or its deletion,
// and follow each request against its statutory deadline.
import { Alert, Button, Card, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DG_KEY, dgApi, DSR_KINDS, type DsrKind } from './api.ts';
import { Empty, QueryState } from './components.tsx';
import { DsrTable } from './DataGovernancePage.tsx';
import { useDgT } from './i18n.ts';

export default function MyDataRequestsPage() {
  const { gt, lang } = useDgT();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...DG_KEY, 'mine'], queryFn: ({ signal }) => dgApi.myRequests(signal) });
  const [kind, setKind] = useState<DsrKind>('access');
  const [details, setDetails] = useState('');
  const file = useMutation({
    mutationFn: () => dgApi.fileMine({ kind, details }),
    onSuccess: async () => {
      setDetails('');
      await qc.invalidateQueries({ queryKey: [...DG_KEY, 'mine'] });
    },
  });
  return (
    <>
      <PageHeader title={gt('mine.title')} description={gt('mine.description')} />
      <Stack>
        <Card withBorder>
          <Stack>
            <Select
              label={gt('mine.what')}
              data={DSR_KINDS.map((k) => ({ value: k, label: gt(`mine.kind.${k}`) }))}
              value={kind}
              onChange={(k) => k && setKind(k)}
            />
            <Textarea
              label={gt('mine.details')}
              value={details}
              onChange={(e) => setDetails(e.currentTarget.value)}
              autosize
              minRows={3}
            />
            <Text size="sm" c="dimmed">
              {gt('mine.deadlineNote')}
            </Text>
            <Button onClick={() => file.mutate()} loading={file.isPending} w="fit-content">
              {gt('mine.submit')}
            </Button>
            {file.error && <Alert color="red">{message(file.error)}</Alert>}
            {file.isSuccess && (
              <Alert color="green">{gt('mine.submitted', { reference: file.data.reference })}</Alert>
            )}
          </Stack>
        </Card>
        <QueryState pending={q.isPending} error={q.error}>
          {q.data?.items.length === 0 ? (
            <Empty>{gt('mine.empty')}</Empty>
          ) : (
            <DsrTable items={q.data?.items ?? []} lang={lang} link={false} />
          )}
        </QueryState>
      </Stack>
    </>
  );
}
