// One prospect: identifiers (masked), the lead score with every factor, the stage controls
// (moves the server allows, a lost reason when lost), contacts, assignment, conversion to an
// application, and the whole history.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan, useMe } from '../../auth/session.ts';
import {
  BASE,
  CONTACT_CHANNELS,
  LOST_REASONS,
  money,
  PROSPECTS_KEY,
  STAGE_MOVES,
  type ProspectDetail,
  type ProspectStage,
} from './api.ts';
import { useProspectsT } from './i18n.ts';

export default function ProspectPage() {
  const { id = '' } = useParams();
  const { pt, lang } = useProspectsT();
  const can = useCan();
  const me = useMe();
  const problem = useProblemMessage();
  const qc = useQueryClient();
  const key = [...PROSPECTS_KEY, id];
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<ProspectDetail>(`${BASE}/prospects/${id}`, { signal }),
  });
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [channel, setChannel] = useState<string | null>('call');
  const done = () => {
    setNote('');
    setTo(null);
    return qc.invalidateQueries({ queryKey: PROSPECTS_KEY });
  };
  const move = useMutation({
    mutationFn: () =>
      api.post(`${BASE}/prospects/${id}/stage`, {
        stage: to,
        ...(reason && to === 'lost' ? { lostReason: reason } : {}),
        ...(note ? { note } : {}),
      }),
    onSuccess: done,
  });
  const contact = useMutation({
    mutationFn: () => api.post(`${BASE}/prospects/${id}/contacts`, { channel, ...(note ? { note } : {}) }),
    onSuccess: done,
  });
  const assign = useMutation({
    mutationFn: () => api.post(`${BASE}/prospects/${id}/assign`, { userId: me.id }),
    onSuccess: done,
  });
  const convert = useMutation({
    mutationFn: () => api.post(`${BASE}/prospects/${id}/convert`, {}),
    onSuccess: done,
  });
  const p = q.data;
  if (q.error) return <Alert color="red">{problem(q.error)}</Alert>;
  if (!p) return null;
  const manage = can('prospects.manage');
  const err = move.error ?? contact.error ?? assign.error ?? convert.error;
  const fit = p.scoreFactors.filter((f) => f.group === 'fit').reduce((s, f) => s + f.points, 0);
  const row = (label: string, value: string | null) => (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value ?? '—'}</Text>
    </Group>
  );
  return (
    <Stack>
      <Link to="/prospects">{pt('prospect.back')}</Link>
      <Group justify="space-between">
        <Title order={2}>
          {p.legalName}{' '}
          <Text span c="dimmed">
            {p.reference}
          </Text>
        </Title>
        <Group>
          <Badge size="lg">{pt(`stage.${p.stage}`)}</Badge>
          <Badge size="lg" variant="light">
            {pt(`source.${p.source}`)}
          </Badge>
        </Group>
      </Group>
      {p.lostReason && (
        <Alert color="gray">{pt('prospect.lostBecause', { reason: pt(`lost.${p.lostReason}`) })}</Alert>
      )}
      {err && <Alert color="red">{problem(err)}</Alert>}
      {convert.isSuccess && <Alert color="green">{pt('prospect.converted')}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={4}>{pt('prospect.details')}</Title>
          {row(pt('prospect.email'), p.email)}
          {row(pt('prospect.phone'), p.phone)}
          {row(pt('prospect.nationalId'), p.nationalId)}
          {row(pt('prospect.school'), p.schoolName)}
          {row(pt('prospect.level'), p.educationLevel ? pt(`level.${p.educationLevel}`) : null)}
          {row(pt('prospect.need'), p.financialNeed ? pt('prospect.yes') : pt('prospect.no'))}
          {row(
            pt('prospect.requested'),
            p.requestedAmount !== null ? money(p.requestedAmount, p.currency) : null,
          )}
          {row(pt('prospect.tracking'), p.trackingCode)}
          {row(pt('prospect.assignTo'), p.assignedName)}
          <Group mt="sm">
            {p.customerId && (
              <Button component={Link} to={`/customers/${p.customerId}`} variant="light" size="xs">
                {pt('prospect.openCustomer')}
              </Button>
            )}
            {p.applicationId && (
              <Button component={Link} to={`/applications/${p.applicationId}`} variant="light" size="xs">
                {pt('prospect.openApplication')}
              </Button>
            )}
          </Group>
        </Card>
        <Card withBorder>
          <Group justify="space-between">
            <Title order={4}>{pt('prospect.score')}</Title>
            <Badge size="xl">{p.score}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {pt('prospect.fit', { points: fit })} · {pt('prospect.engagement', { points: p.score - fit })}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{pt('prospect.factor')}</Table.Th>
                <Table.Th>{pt('prospect.value')}</Table.Th>
                <Table.Th>{pt('prospect.points')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.scoreFactors.map((f) => (
                <Table.Tr key={f.code}>
                  <Table.Td>
                    {pt(`factor.${f.code}`)}{' '}
                    <Text span size="xs" c="dimmed">
                      ({pt(`group.${f.group}`)})
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {f.value === null
                      ? '—'
                      : typeof f.value === 'boolean'
                        ? pt(f.value ? 'prospect.yes' : 'prospect.no')
                        : f.code === 'expected_limit'
                          ? money(Number(f.value), p.currency)
                          : f.code === 'study_level'
                            ? pt(`level.${String(f.value)}`)
                            : f.code === 'school'
                              ? `${String(f.value)} %`
                              : String(f.value)}
                  </Table.Td>
                  <Table.Td>
                    {f.points} / {f.max}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>
      {manage && (
        <Card withBorder>
          <Stack>
            <Textarea
              label={pt('prospect.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Group align="end">
              <Select
                label={pt('prospect.moveTo')}
                value={to}
                onChange={setTo}
                data={STAGE_MOVES[p.stage].map((s: ProspectStage) => ({ value: s, label: pt(`stage.${s}`) }))}
              />
              {to === 'lost' && (
                <Select
                  label={pt('prospect.lostReason')}
                  value={reason}
                  onChange={setReason}
                  data={LOST_REASONS.map((r) => ({ value: r, label: pt(`lost.${r}`) }))}
                />
              )}
              <Button onClick={() => move.mutate()} disabled={!to} loading={move.isPending}>
                {pt('prospect.move')}
              </Button>
              <Select
                label={pt('prospect.contactChannel')}
                value={channel}
                onChange={setChannel}
                data={CONTACT_CHANNELS.map((c) => ({ value: c, label: pt(`channel.${c}`) }))}
              />
              <Button variant="default" onClick={() => contact.mutate()} loading={contact.isPending}>
                {pt('prospect.logContact')}
              </Button>
              {me.roles.some((r) => r === 'loan_officer' || r === 'manager') && (
                <Button variant="default" onClick={() => assign.mutate()} loading={assign.isPending}>
                  {pt('prospect.assignMe')}
                </Button>
              )}
              {['new', 'contacted', 'qualified'].includes(p.stage) && !p.applicationId && (
                <Button color="green" onClick={() => convert.mutate()} loading={convert.isPending}>
                  {pt('prospect.convert')}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      )}
      <Card withBorder>
        <Title order={4} mb="sm">
          {pt('prospect.history')}
        </Title>
        <Timeline bulletSize={14} lineWidth={2}>
          {p.activity.map((a) => (
            <Timeline.Item
              key={a.id}
              title={
                a.kind === 'stage_changed' && a.fromStage && a.toStage
                  ? `${pt('activity.stage_changed')}: ${pt(`stage.${a.fromStage}`)} → ${pt(`stage.${a.toStage}`)}`
                  : pt(`activity.${a.kind}`)
              }
            >
              <Text size="xs" c="dimmed">
                {new Date(a.at).toLocaleString(lang)} · {a.actorName ?? ''}
                {typeof a.data.channel === 'string' ? ` · ${pt(`channel.${a.data.channel}`)}` : ''}
              </Text>
              {a.note && <Text size="sm">{a.note}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
    </Stack>
  );
}
