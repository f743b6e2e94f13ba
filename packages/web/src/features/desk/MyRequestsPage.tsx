// The student's "My requests": every request they made with its status, and a form to ask a
// question, complain, suggest, ask for hardship relief or dispute something.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { fetchLoans, LOANS_KEY } from '../loans/api.ts';
import { DESK_KEY, deskApi, HARDSHIP_KINDS, TICKET_TYPES, type TicketType } from './api.ts';
import { Empty, StatusBadge } from './components.tsx';
import { useDeskT } from './i18n.ts';

export default function MyRequestsPage() {
  const { dt, lang } = useDeskT();
  const message = useProblemMessage();
  const [writing, setWriting] = useState(false);
  const list = useQuery({
    queryKey: [...DESK_KEY, 'mine'],
    queryFn: ({ signal }) => deskApi.myTickets(signal),
  });
  return (
    <>
      <PageHeader
        title={dt('my.title')}
        description={dt('my.description')}
        actions={
          !writing && (
            <Button onClick={() => setWriting(true)} data-testid="new-request">
              {dt('my.new')}
            </Button>
          )
        }
      />
      {writing && <NewRequest onCancel={() => setWriting(false)} />}
      {list.isError && <Alert color="red">{message(list.error)}</Alert>}
      {list.isPending && <Loader />}
      {list.data && list.data.items.length === 0 && !writing && <Empty>{dt('my.empty')}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <Table striped data-testid="my-requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{dt('field.reference')}</Table.Th>
              <Table.Th>{dt('field.subject')}</Table.Th>
              <Table.Th>{dt('field.type')}</Table.Th>
              <Table.Th>{dt('field.status')}</Table.Th>
              <Table.Th>{dt('field.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/my-requests/${t.id}`}>
                    {t.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t.subject}</Table.Td>
                <Table.Td>{dt(`type.${t.type}`)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={t.status} />
                </Table.Td>
                <Table.Td>{formatDateTime(t.updatedAt, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

function NewRequest({ onCancel }: { onCancel: () => void }) {
  const { dt } = useDeskT();
  const message = useProblemMessage();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [type, setType] = useState<TicketType>('consultation');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [loanId, setLoanId] = useState<string | null>(null);
  const [kind, setKind] = useState<string>('deferment');
  const [endDate, setEndDate] = useState('');
  const loans = useQuery({
    queryKey: [...LOANS_KEY, 'mine'],
    queryFn: ({ signal }) => fetchLoans({ limit: 100 }, signal),
  });
  const submit = useMutation({
    mutationFn: () =>
      deskApi.submit({
        type,
        subject,
        body,
        ...(loanId ? { loanId } : {}),
        ...(type === 'hardship'
          ? { hardship: { kind, reason: subject || body.slice(0, 200), ...(endDate ? { endDate } : {}) } }
          : {}),
      }),
    onSuccess: (t) => {
      void client.invalidateQueries({ queryKey: DESK_KEY });
      void navigate(`/my-requests/${t.id}`);
    },
  });
  const errors = submit.error instanceof ApiError ? submit.error.fieldErrors : {};
  return (
    <Card withBorder mb="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate();
        }}
      >
        <Stack>
          <Select
            label={dt('my.whatKind')}
            value={type}
            onChange={(v) => v && setType(v)}
            data={TICKET_TYPES.map((t) => ({ value: t, label: dt(`type.${t}`) }))}
            error={errors.type}
            data-testid="request-type"
          />
          <Select
            clearable={type !== 'hardship'}
            label={dt('field.loan')}
            placeholder={dt('my.noLoan')}
            value={loanId}
            onChange={setLoanId}
            data={(loans.data?.items ?? []).map((l) => ({
              value: l.id,
              label: `${l.loanNumber} · ${l.productCode}`,
            }))}
            error={errors.loanId}
          />
          {type === 'hardship' && (
            <Group grow>
              <Select
                label={dt('my.relief')}
                value={kind}
                onChange={(v) => v && setKind(v)}
                data={HARDSHIP_KINDS.map((k) => ({ value: k, label: dt(`hardship.${k}`) }))}
                error={errors['hardship.kind']}
              />
              <TextInput
                type="date"
                label={dt('my.reliefUntil')}
                value={endDate}
                onChange={(e) => setEndDate(e.currentTarget.value)}
                error={errors['hardship.endDate']}
              />
            </Group>
          )}
          <TextInput
            label={dt('field.subject')}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            error={errors.subject}
            data-testid="request-subject"
          />
          <Textarea
            label={dt('my.details')}
            minRows={4}
            autosize
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={errors.body}
            data-testid="request-body"
          />
          {submit.isError && !Object.keys(errors).length && (
            <Alert color="red">{message(submit.error)}</Alert>
          )}
          <Group justify="flex-end">
            <Button variant="subtle" onClick={onCancel}>
              {dt('action.cancel')}
            </Button>
            <Button type="submit" loading={submit.isPending} data-testid="submit-request">
              {dt('my.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
