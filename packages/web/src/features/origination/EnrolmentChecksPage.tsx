// The school officer's page: applicants to their own school waiting for enrolment confirmation
// (the server shows no other school's), each confirmed or rejected with an optional note.
import { Alert, Button, Group, Loader, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { ORIG_KEY, schoolApi, type ApplicationSummary } from './api.ts';
import { useOrigT } from './i18n.ts';

export default function EnrolmentChecksPage() {
  const { ot } = useOrigT();
  const message = useProblemMessage();
  const [show, setShow] = useState<'pending' | 'all'>('pending');
  const list = useQuery({
    queryKey: [...ORIG_KEY, 'enrolment-checks'],
    queryFn: ({ signal }) => schoolApi.list(signal),
  });
  const items = (list.data?.items ?? []).filter((a) => show === 'all' || a.enrolmentCheck === 'pending');
  return (
    <>
      <PageHeader title={ot('school.title')} description={ot('school.description')} />
      <SegmentedControl
        mb="md"
        value={show}
        onChange={(v) => setShow(v === 'all' ? 'all' : 'pending')}
        data={[
          { value: 'pending', label: ot('school.pending') },
          { value: 'all', label: ot('school.all') },
        ]}
      />
      {list.isError && <Alert color="red">{message(list.error)}</Alert>}
      {list.isPending && <Loader />}
      {list.data && items.length === 0 && <Text c="dimmed">{ot('school.empty')}</Text>}
      {items.length > 0 && (
        <Table striped data-testid="enrolment-checks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{ot('queue.number')}</Table.Th>
              <Table.Th>{ot('queue.applicant')}</Table.Th>
              <Table.Th>{ot('queue.submitted')}</Table.Th>
              <Table.Th>{ot('queue.enrolment')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <CheckRow key={a.id} app={a} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

function CheckRow({ app }: { app: ApplicationSummary }) {
  const { ot, lang } = useOrigT();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const detail = useQuery({
    queryKey: [...ORIG_KEY, 'enrolment-check', app.id],
    queryFn: ({ signal }) => schoolApi.get(app.id, signal),
  });
  const decide = useMutation({
    mutationFn: (d: 'confirmed' | 'rejected') => schoolApi.decide(app.id, d, note || undefined),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ORIG_KEY, 'enrolment-checks'] }),
  });
  const s = detail.data?.answers.school;
  return (
    <Table.Tr data-testid="enrolment-check-row">
      <Table.Td>{app.applicationNumber}</Table.Td>
      <Table.Td>
        <Text size="sm">{app.applicantName}</Text>
        {s && (
          <Text size="xs" c="dimmed">
            {[
              s.programme,
              s.studentNumber,
              s.yearOfStudy ? ot('school.year', { n: s.yearOfStudy }) : null,
              s.startDate,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{app.submittedAt ? formatDateTime(app.submittedAt, lang) : '—'}</Table.Td>
      <Table.Td>{ot(`enrolment.${app.enrolmentCheck}`)}</Table.Td>
      <Table.Td>
        {app.enrolmentCheck === 'pending' && (
          <Group gap="xs" wrap="nowrap">
            <TextInput
              size="xs"
              placeholder={ot('school.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Button
              size="xs"
              color="teal"
              onClick={() => decide.mutate('confirmed')}
              loading={decide.isPending}
              data-testid="confirm-enrolment"
            >
              {ot('school.confirm')}
            </Button>
            <Button
              size="xs"
              color="red"
              variant="light"
              onClick={() => decide.mutate('rejected')}
              loading={decide.isPending}
            >
              {ot('school.reject')}
            </Button>
          </Group>
        )}
        {decide.isError && (
          <Text c="red" size="xs">
            {message(decide.error)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
