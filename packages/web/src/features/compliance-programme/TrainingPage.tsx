// My training: every required course and attestation with its status; taking one shows its
// content and quiz (marked on the server) or the attestation statement to affirm.
import { Alert, Badge, Button, Card, Checkbox, Group, Radio, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BASE, PROGRAMME_KEY, type CourseStatus, type CourseToTake } from './api.ts';
import { useProgrammeT } from './i18n.ts';

export function StatusBadge({ status }: { status: string }) {
  const { pt } = useProgrammeT();
  const color =
    status === 'current' || status === 'closed' ? 'green' : status === 'lapsed' ? 'red' : 'yellow';
  return (
    <Badge color={color} variant="light">
      {pt(`status.${status}`)}
    </Badge>
  );
}

function TakeCourse({ id, onDone }: { id: string; onDone: () => void }) {
  const { pt, zh } = useProgrammeT();
  const problem = useProblemMessage();
  const qc = useQueryClient();
  const course = useQuery({
    queryKey: [...PROGRAMME_KEY, 'take', id],
    queryFn: () => api.get<CourseToTake>(`${BASE}/training/courses/${id}/take`),
  });
  const [answers, setAnswers] = useState<Record<number, number>>({});
  const [affirm, setAffirm] = useState(false);
  const submit = useMutation({
    mutationFn: () =>
      api.post<{ passed: boolean; score: number; passMark: number }>(
        `${BASE}/training/courses/${id}/complete`,
        {
          answers: (course.data?.quiz ?? []).map((_, i) => answers[i] ?? -1).filter((a) => a >= 0),
          ...(course.data?.kind === 'attestation' ? { affirm } : {}),
        },
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...PROGRAMME_KEY, 'mine'] }),
  });
  const c = course.data;
  if (!c) return null;
  return (
    <Card withBorder data-testid="take-course">
      <Stack>
        <Text fw={600}>{zh ? c.titleZh : c.titleEn}</Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{zh ? c.contentZh : c.contentEn}</Text>
        {c.quiz.map((q, i) => (
          <Radio.Group
            key={i}
            label={zh ? q.zh : q.en}
            value={answers[i] === undefined ? null : String(answers[i])}
            onChange={(v) => setAnswers({ ...answers, [i]: Number(v) })}
          >
            <Stack gap={4} mt={4}>
              {q.options.map((o, k) => (
                <Radio key={k} value={String(k)} label={zh ? o.zh : o.en} />
              ))}
            </Stack>
          </Radio.Group>
        ))}
        {c.statement && (
          <Checkbox
            checked={affirm}
            onChange={(e) => setAffirm(e.currentTarget.checked)}
            label={c.statement}
          />
        )}
        {submit.error && <Alert color="red">{problem(submit.error)}</Alert>}
        {submit.data && (
          <Alert color={submit.data.passed ? 'green' : 'orange'}>
            {pt(submit.data.passed ? 'training.passed' : 'training.failed', {
              score: submit.data.score,
              passMark: submit.data.passMark,
            })}
          </Alert>
        )}
        <Group>
          <Button onClick={() => submit.mutate()} loading={submit.isPending}>
            {pt(c.kind === 'attestation' ? 'training.affirm' : 'training.submit')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {pt('common.close')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export default function TrainingPage() {
  const { pt, zh } = useProgrammeT();
  const [taking, setTaking] = useState<string | null>(null);
  const mine = useQuery({
    queryKey: [...PROGRAMME_KEY, 'mine'],
    queryFn: () => api.get<{ gate: 'on' | 'off'; items: CourseStatus[] }>(`${BASE}/training/mine`),
  });
  const lapsed = mine.data?.items.filter((i) => i.status === 'lapsed') ?? [];
  return (
    <Stack>
      <PageHeader title={pt('training.title')} description={pt('training.description')} />
      {lapsed.length > 0 && mine.data?.gate === 'on' && (
        <Alert color="red">{pt('training.gateWarning')}</Alert>
      )}
      {taking && <TakeCourse id={taking} onDone={() => setTaking(null)} />}
      <Table striped data-testid="my-training">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{pt('training.course')}</Table.Th>
            <Table.Th>{pt('training.status')}</Table.Th>
            <Table.Th>{pt('training.validUntil')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(mine.data?.items ?? []).map((c) => (
            <Table.Tr key={c.courseId}>
              <Table.Td>
                {zh ? c.titleZh : c.titleEn}{' '}
                <Text span c="dimmed" size="xs">
                  v{c.version}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={c.status} />
              </Table.Td>
              <Table.Td>{(c.validUntil ?? c.dueBy ?? '').slice(0, 10)}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" onClick={() => setTaking(c.courseId)}>
                  {pt(c.kind === 'attestation' ? 'training.attest' : 'training.take')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {mine.data?.items.length === 0 && <Text c="dimmed">{pt('training.none')}</Text>}
    </Stack>
  );
}
