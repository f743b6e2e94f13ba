// Internal review: draw a sample (period, rate, optional seed), answer each item's checklist
// (a "no" raises a finding with owner and due date), and work findings to closure with evidence.
import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BASE, PROGRAMME_KEY, type Finding, type ReviewItem, type Sample } from './api.ts';
import { useProgrammeT } from './i18n.ts';
import { StatusBadge } from './TrainingPage.tsx';

const today = () => new Date().toISOString().slice(0, 10);
const daysAhead = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

function ItemReview({ item }: { item: ReviewItem }) {
  const { pt, zh } = useProgrammeT();
  const problem = useProblemMessage();
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState(daysAhead(30));
  const [severity, setSeverity] = useState<string | null>('medium');
  const failed = Object.values(answers).includes('no');
  const save = useMutation({
    mutationFn: () =>
      api.post(`${BASE}/review/items/${item.id}`, {
        answers,
        ...(failed ? { finding: { title, detail: title, severity, ownerName: owner, dueDate: due } } : {}),
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: PROGRAMME_KEY }),
  });
  return (
    <Card withBorder data-testid="review-item">
      <Stack gap="xs">
        {item.checklist.map((c) => (
          <Group key={c.key} justify="space-between">
            <Text size="sm">{zh ? c.zh : c.en}</Text>
            <SegmentedControl
              size="xs"
              value={answers[c.key] ?? ''}
              onChange={(v) => setAnswers({ ...answers, [c.key]: v })}
              data={['yes', 'no', 'na'].map((v) => ({ value: v, label: pt(`review.answer.${v}`) }))}
            />
          </Group>
        ))}
        {failed && (
          <Group grow>
            <TextInput
              label={pt('findings.titleField')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            <TextInput
              label={pt('findings.owner')}
              value={owner}
              onChange={(e) => setOwner(e.currentTarget.value)}
            />
            <TextInput
              label={pt('findings.due')}
              value={due}
              onChange={(e) => setDue(e.currentTarget.value)}
            />
            <Select
              label={pt('findings.severity')}
              value={severity}
              onChange={setSeverity}
              data={['low', 'medium', 'high'].map((v) => ({ value: v, label: pt(`severity.${v}`) }))}
            />
          </Group>
        )}
        {save.error && <Alert color="red">{problem(save.error)}</Alert>}
        <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
          {pt('review.save')}
        </Button>
      </Stack>
    </Card>
  );
}

function FindingRow({ f }: { f: Finding }) {
  const { pt } = useProgrammeT();
  const problem = useProblemMessage();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState('');
  const update = useMutation({
    mutationFn: (status: 'remediating' | 'closed') =>
      api.post(`${BASE}/findings/${f.id}`, { status, note, ...(status === 'closed' ? { evidence } : {}) }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: PROGRAMME_KEY }),
  });
  return (
    <Card withBorder data-testid="finding">
      <Group justify="space-between">
        <Text fw={600}>{f.title}</Text>
        <Group gap="xs">
          <StatusBadge status={f.overdue ? 'lapsed' : f.status} />
          <Text size="sm">
            {pt('findings.ownerDue', { owner: f.ownerName, due: f.dueDate })} · {pt(`source.${f.source}`)}
          </Text>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {f.detail}
      </Text>
      {f.remediation.map((r, i) => (
        <Text key={i} size="xs">
          {r.at.slice(0, 10)} · {r.by ?? 'system'} · {pt(`status.${r.status}`)} · {r.note}
        </Text>
      ))}
      {f.status !== 'closed' ? (
        <Stack gap={4} mt="xs">
          <Group grow>
            <TextInput
              label={pt('findings.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Textarea
              label={pt('findings.evidence')}
              value={evidence}
              onChange={(e) => setEvidence(e.currentTarget.value)}
              autosize
            />
          </Group>
          {update.error && <Alert color="red">{problem(update.error)}</Alert>}
          <Group>
            <Button size="xs" variant="light" onClick={() => update.mutate('remediating')}>
              {pt('findings.progress')}
            </Button>
            <Button size="xs" color="green" onClick={() => update.mutate('closed')}>
              {pt('findings.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm">{pt('findings.closedWith', { evidence: f.closureEvidence ?? '' })}</Text>
      )}
    </Card>
  );
}

export function FindingsPage() {
  const { pt } = useProgrammeT();
  const [open, setOpen] = useState('true');
  const findings = useQuery({
    queryKey: [...PROGRAMME_KEY, 'findings', open],
    queryFn: () => api.get<{ items: Finding[] }>(`${BASE}/findings?open=${open}`),
  });
  return (
    <Stack>
      <PageHeader title={pt('findings.title')} description={pt('findings.description')} />
      <SegmentedControl
        value={open}
        onChange={setOpen}
        data={[
          { value: 'true', label: pt('findings.open') },
          { value: 'false', label: pt('findings.all') },
        ]}
      />
      {(findings.data?.items ?? []).map((f) => (
        <FindingRow key={f.id} f={f} />
      ))}
      {findings.data?.items.length === 0 && <Text c="dimmed">{pt('findings.none')}</Text>}
    </Stack>
  );
}

export default function ReviewPage() {
  const { pt } = useProgrammeT();
  const can = useCan();
  const problem = useProblemMessage();
  const qc = useQueryClient();
  const [from, setFrom] = useState(daysAhead(-90));
  const [to, setTo] = useState(today());
  const [rate, setRate] = useState<number | string>(10);
  const [seed, setSeed] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const samples = useQuery({
    queryKey: [...PROGRAMME_KEY, 'samples'],
    queryFn: () => api.get<{ items: Sample[] }>(`${BASE}/review/samples`),
  });
  const draw = useMutation({
    mutationFn: () =>
      api.post<Sample>(`${BASE}/review/samples`, {
        from,
        to,
        ratePercent: Number(rate),
        ...(seed ? { seed } : {}),
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...PROGRAMME_KEY, 'samples'] }),
  });
  return (
    <Stack>
      <PageHeader title={pt('review.title')} description={pt('review.description')} />
      {can('review.perform') && (
        <Card withBorder>
          <Group align="end">
            <TextInput
              label={pt('review.from')}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput label={pt('review.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
            <NumberInput
              label={pt('review.rate')}
              value={rate}
              onChange={setRate}
              min={1}
              max={100}
              w={120}
            />
            <TextInput
              label={pt('review.seed')}
              value={seed}
              onChange={(e) => setSeed(e.currentTarget.value)}
            />
            <Button onClick={() => draw.mutate()} loading={draw.isPending}>
              {pt('review.draw')}
            </Button>
          </Group>
          {draw.error && <Alert color="red">{problem(draw.error)}</Alert>}
        </Card>
      )}
      {(samples.data?.items ?? []).map((s) => (
        <Card key={s.id} withBorder data-testid="review-sample">
          <Group justify="space-between">
            <Text fw={600}>
              {s.periodFrom} – {s.periodTo} · {s.ratePercent}% · {pt('review.seedShown', { seed: s.seed })}
            </Text>
            <Text size="sm">{pt('review.progress', { done: s.reviewed, total: s.items.length })}</Text>
          </Group>
          <Text size="xs" c="dimmed">
            {Object.entries(s.strata)
              .map(([k, v]) => `${pt(`subject.${k}`)}: ${v.sampled}/${v.population}`)
              .join(' · ')}
          </Text>
          <Table mt="xs">
            <Table.Tbody>
              {s.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{pt(`subject.${i.subjectType}`)}</Table.Td>
                  <Table.Td>{i.action}</Table.Td>
                  <Table.Td>{i.originalActorName}</Table.Td>
                  <Table.Td>{i.occurredAt.slice(0, 10)}</Table.Td>
                  <Table.Td>
                    {i.status === 'reviewed' ? (
                      <StatusBadge status={i.outcome ?? 'reviewed'} />
                    ) : (
                      <Button size="xs" variant="light" onClick={() => setOpen(open === i.id ? null : i.id)}>
                        {pt('review.review')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {s.items
            .filter((i) => i.id === open && i.status === 'pending')
            .map((i) => (
              <ItemReview key={i.id} item={i} />
            ))}
        </Card>
      ))}
    </Stack>
  );
}
