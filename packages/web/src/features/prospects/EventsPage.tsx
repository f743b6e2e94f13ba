// Campus events: the list with results, planning a new one, and one event's page with its
// attendance QR code, status and cost, and the attendees as prospects.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { QrCode } from '../account/AccountPage.tsx';
import {
  absoluteUrl,
  BASE,
  EVENT_STATUSES,
  EVENTS_KEY,
  money,
  type CampusEvent,
  type ProspectPage,
} from './api.ts';
import { useProspectsT } from './i18n.ts';

interface School {
  id: string;
  name: string;
  nameLocal: string | null;
}

function Results({ e }: { e: CampusEvent }) {
  const { pt } = useProspectsT();
  const cell = (label: string, value: string | number) => (
    <Card withBorder padding="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Card>
  );
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }}>
      {cell(pt('events.attendees'), e.results.attendees)}
      {cell(pt('events.newProspects'), e.results.newProspects)}
      {cell(pt('events.applications'), e.results.applications)}
      {cell(pt('events.funded'), e.results.funded)}
      {cell(
        pt('events.costPerAttendee'),
        e.results.costPerAttendeeMinor === null ? '—' : money(e.results.costPerAttendeeMinor, e.currency),
      )}
    </SimpleGrid>
  );
}

function NewEvent() {
  const { pt } = useProspectsT();
  const problem = useProblemMessage();
  const qc = useQueryClient();
  const [form, setForm] = useState({
    name: '',
    schoolId: '',
    eventDate: '',
    venue: '',
    budget: 0,
    trackingCode: '',
  });
  const [schoolQ, setSchoolQ] = useState('');
  const schools = useQuery({
    queryKey: ['schools', schoolQ],
    queryFn: ({ signal }) =>
      api.get<{ items: School[] }>('/api/v1/schools', {
        query: { q: schoolQ || undefined, limit: 20 },
        signal,
      }),
  });
  const create = useMutation({
    mutationFn: () =>
      api.post(`${BASE}/events`, {
        name: form.name,
        schoolId: form.schoolId,
        eventDate: form.eventDate,
        venue: form.venue,
        budgetMinor: Math.round(form.budget * 100),
        ...(form.trackingCode ? { trackingCode: form.trackingCode } : {}),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: EVENTS_KEY }),
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <Card withBorder>
      <Title order={4}>{pt('events.new')}</Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <TextInput
          label={pt('events.name')}
          value={form.name}
          error={errors.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        />
        <Select
          label={pt('events.school')}
          searchable
          onSearchChange={setSchoolQ}
          value={form.schoolId || null}
          error={errors.schoolId}
          onChange={(v) => setForm({ ...form, schoolId: v ?? '' })}
          data={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.nameLocal ?? s.name }))}
        />
        <TextInput
          label={pt('events.date')}
          type="date"
          value={form.eventDate}
          error={errors.eventDate}
          onChange={(e) => setForm({ ...form, eventDate: e.currentTarget.value })}
        />
        <TextInput
          label={pt('events.venue')}
          value={form.venue}
          error={errors.venue}
          onChange={(e) => setForm({ ...form, venue: e.currentTarget.value })}
        />
        <NumberInput
          label={pt('events.budget')}
          value={form.budget}
          min={0}
          decimalScale={2}
          error={errors.budgetMinor}
          onChange={(v) => setForm({ ...form, budget: Number(v) || 0 })}
        />
        <TextInput
          label={pt('events.tracking')}
          value={form.trackingCode}
          error={errors.trackingCode}
          onChange={(e) => setForm({ ...form, trackingCode: e.currentTarget.value })}
        />
      </SimpleGrid>
      {create.error && !Object.keys(errors).length && (
        <Alert color="red" mt="sm">
          {problem(create.error)}
        </Alert>
      )}
      <Button mt="sm" onClick={() => create.mutate()} loading={create.isPending}>
        {pt('events.create')}
      </Button>
    </Card>
  );
}

export function EventsPage() {
  const { pt, lang } = useProspectsT();
  const can = useCan();
  const problem = useProblemMessage();
  const list = useQuery({
    queryKey: EVENTS_KEY,
    queryFn: ({ signal }) => api.get<{ items: CampusEvent[] }>(`${BASE}/events`, { signal }),
  });
  return (
    <Stack>
      <Title order={2}>{pt('events.title')}</Title>
      {can('events.manage') && <NewEvent />}
      {list.error && <Alert color="red">{problem(list.error)}</Alert>}
      {list.data?.items.length === 0 && <Text c="dimmed">{pt('events.empty')}</Text>}
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{pt('events.date')}</Table.Th>
            <Table.Th>{pt('events.name')}</Table.Th>
            <Table.Th>{pt('events.school')}</Table.Th>
            <Table.Th>{pt('events.status')}</Table.Th>
            <Table.Th>{pt('events.attendees')}</Table.Th>
            <Table.Th>{pt('events.applications')}</Table.Th>
            <Table.Th>{pt('events.costPerAttendee')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{new Date(`${e.eventDate}T00:00:00`).toLocaleDateString(lang)}</Table.Td>
              <Table.Td>
                <Link to={`/prospects/events/${e.id}`}>{e.name}</Link>
              </Table.Td>
              <Table.Td>{e.schoolName}</Table.Td>
              <Table.Td>
                <Badge variant="light">{pt(`eventStatus.${e.status}`)}</Badge>
              </Table.Td>
              <Table.Td>{e.results.attendees}</Table.Td>
              <Table.Td>{e.results.applications}</Table.Td>
              <Table.Td>
                {e.results.costPerAttendeeMinor === null
                  ? '—'
                  : money(e.results.costPerAttendeeMinor, e.currency)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function EventPage() {
  const { id = '' } = useParams();
  const { pt } = useProspectsT();
  const can = useCan();
  const problem = useProblemMessage();
  const qc = useQueryClient();
  const ev = useQuery({
    queryKey: [...EVENTS_KEY, id],
    queryFn: ({ signal }) => api.get<CampusEvent>(`${BASE}/events/${id}`, { signal }),
  });
  const attendees = useQuery({
    queryKey: [...EVENTS_KEY, id, 'prospects'],
    queryFn: ({ signal }) =>
      api.get<ProspectPage>(`${BASE}/prospects`, { query: { eventId: id, limit: 200 }, signal }),
  });
  const [status, setStatus] = useState<string | null>(null);
  const [cost, setCost] = useState<number | string>('');
  const save = useMutation({
    mutationFn: () =>
      api.patch(`${BASE}/events/${id}`, {
        ...(status ? { status } : {}),
        ...(cost !== '' ? { actualCostMinor: Math.round(Number(cost) * 100) } : {}),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: EVENTS_KEY }),
  });
  const e = ev.data;
  if (ev.error) return <Alert color="red">{problem(ev.error)}</Alert>;
  if (!e) return null;
  const url = absoluteUrl(e.attendancePath);
  return (
    <Stack>
      <Link to="/prospects/events">{pt('events.title')}</Link>
      <Group justify="space-between">
        <Title order={2}>{e.name}</Title>
        <Badge size="lg">{pt(`eventStatus.${e.status}`)}</Badge>
      </Group>
      <Text c="dimmed">
        {e.schoolName} · {e.eventDate} · {e.venue} · {pt('events.budget')} {money(e.budgetMinor, e.currency)}
        {e.trackingCode ? ` · ${e.trackingCode}` : ''}
      </Text>
      <Results e={e} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={4}>{pt('events.qr')}</Title>
          <Text size="sm" c="dimmed">
            {pt('events.qrHelp')}
          </Text>
          <QrCode value={url} label={pt('events.qr')} />
          <Text size="xs" style={{ wordBreak: 'break-all' }}>
            {pt('events.link')}: <a href={url}>{url}</a>
          </Text>
        </Card>
        {can('events.manage') && (
          <Card withBorder>
            <Stack>
              <Select
                label={pt('events.setStatus')}
                value={status}
                onChange={setStatus}
                data={EVENT_STATUSES.map((s) => ({ value: s, label: pt(`eventStatus.${s}`) }))}
              />
              <NumberInput
                label={pt('events.actualCost')}
                value={cost}
                onChange={setCost}
                min={0}
                decimalScale={2}
              />
              {save.error && <Alert color="red">{problem(save.error)}</Alert>}
              <Button onClick={() => save.mutate()} loading={save.isPending}>
                {pt('events.save')}
              </Button>
            </Stack>
          </Card>
        )}
      </SimpleGrid>
      <Title order={4}>{pt('events.prospects')}</Title>
      <Table>
        <Table.Tbody>
          {(attendees.data?.items ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Link to={`/prospects/${p.id}`}>{p.reference}</Link>
              </Table.Td>
              <Table.Td>{p.legalName}</Table.Td>
              <Table.Td>{pt(`stage.${p.stage}`)}</Table.Td>
              <Table.Td>{p.score}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
