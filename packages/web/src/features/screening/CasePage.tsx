// One suspicious-activity case: the customer, the filing deadline, the evidence (ledger journals
// of the customer's loans, notes, attachment metadata with a SHA-256 computed in the browser) and
// the moves: investigating, filed with the filing reference, or closed without filing.
import { Anchor, Badge, Button, Code, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { SCREENING_KEY, sha256Hex, type Evidence, type SarCaseDetail } from './api.ts';
import { Empty, ErrorAlert, fieldErrors, Panel, StatusBadge } from './components.tsx';
import { useScreeningT } from './i18n.ts';

function AddEvidence({ caseId }: { caseId: string }) {
  const { kt } = useScreeningT();
  const qc = useQueryClient();
  const [kind, setKind] = useState<'note' | 'transaction' | 'attachment'>('note');
  const [note, setNote] = useState('');
  const [loanId, setLoanId] = useState('');
  const [journalId, setJournalId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: async () => {
      const body =
        kind === 'note'
          ? { kind, note }
          : kind === 'transaction'
            ? { kind, loanId, journalId, ...(note ? { note } : {}) }
            : {
                kind,
                fileName: file?.name ?? '',
                contentType: file?.type || 'application/octet-stream',
                sizeBytes: file?.size ?? 0,
                sha256: file ? await sha256Hex(file) : '',
                ...(note ? { note } : {}),
              };
      return api.post<Evidence>(`/api/v1/aml/cases/${caseId}/evidence`, body);
    },
    onSuccess: () => {
      setNote('');
      void qc.invalidateQueries({ queryKey: [...SCREENING_KEY, 'case', caseId] });
    },
  });
  const errors = fieldErrors(run.error);
  return (
    <Stack gap="xs" mt="sm" data-testid="add-evidence">
      <Group grow>
        <Select
          label={kt('evidence.kind')}
          allowDeselect={false}
          value={kind}
          onChange={(v) => setKind((v) ?? 'note')}
          data={(['note', 'transaction', 'attachment'] as const).map((k) => ({ value: k, label: kt(`evidence.${k}`) }))}
        />
        {kind === 'transaction' && (
          <>
            <TextInput label={kt('evidence.loanId')} value={loanId} error={errors.loanId} onChange={(e) => setLoanId(e.currentTarget.value.trim())} />
            <TextInput label={kt('evidence.journalId')} value={journalId} error={errors.journalId} onChange={(e) => setJournalId(e.currentTarget.value.trim())} />
          </>
        )}
        {kind === 'attachment' && (
          <TextInput type="file" label={kt('evidence.file')} error={errors.fileName ?? errors.sha256} onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        )}
      </Group>
      <Textarea label={kt('evidence.note')} autosize minRows={2} value={note} error={errors.note} onChange={(e) => setNote(e.currentTarget.value)} />
      <Group>
        <Button variant="light" onClick={() => run.mutate()} loading={run.isPending}>
          {kt('evidence.add')}
        </Button>
      </Group>
      <ErrorAlert error={run.error} />
    </Stack>
  );
}

function Transition({ caseId, status }: { caseId: string; status: string }) {
  const { kt } = useScreeningT();
  const qc = useQueryClient();
  const [filingReference, setFilingReference] = useState('');
  const [reason, setReason] = useState('');
  const run = useMutation({
    mutationFn: (body: Record<string, string>) => api.post(`/api/v1/aml/cases/${caseId}/status`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: SCREENING_KEY }),
  });
  const errors = fieldErrors(run.error);
  return (
    <Stack gap="xs" data-testid="case-transition">
      {status === 'open' && (
        <Group>
          <Button variant="default" onClick={() => run.mutate({ status: 'investigating' })}>
            {kt('cases.startInvestigating')}
          </Button>
        </Group>
      )}
      <Group align="flex-end">
        <TextInput label={kt('cases.filingReference')} value={filingReference} error={errors.filingReference} onChange={(e) => setFilingReference(e.currentTarget.value)} />
        <Button onClick={() => run.mutate({ status: 'filed', filingReference })} loading={run.isPending}>
          {kt('cases.markFiled')}
        </Button>
      </Group>
      <Group align="flex-end">
        <TextInput label={kt('cases.closeReason')} value={reason} error={errors.reason} onChange={(e) => setReason(e.currentTarget.value)} style={{ flex: 1 }} />
        <Button color="gray" variant="light" onClick={() => run.mutate({ status: 'closed_no_filing', reason })} loading={run.isPending}>
          {kt('cases.closeNoFiling')}
        </Button>
      </Group>
      <ErrorAlert error={run.error} />
    </Stack>
  );
}

export default function CasePage() {
  const { id = '' } = useParams();
  const { kt, lang } = useScreeningT();
  const q = useQuery({
    queryKey: [...SCREENING_KEY, 'case', id],
    queryFn: ({ signal }) => api.get<SarCaseDetail>(`/api/v1/aml/cases/${id}`, { signal }),
  });
  const c = q.data;
  const open = c && (c.status === 'open' || c.status === 'investigating');
  return (
    <Stack>
      <PageHeader title={c ? `${c.reference} · ${kt(`typology.${c.typology}`)}` : kt('cases.title')} description={kt('cases.caseDescription')} />
      {q.isError && <ErrorAlert error={q.error} />}
      {c && (
        <Panel title={kt('cases.details')} testId="case-details">
          <Stack gap={4}>
            <Group gap="xs">
              <StatusBadge status={c.status} />
              {c.overdue && <Badge color="red">{kt('cases.overdue')}</Badge>}
              {c.daysLeft !== null && !c.overdue && <Badge color="yellow">{kt('cases.daysLeft', { count: c.daysLeft })}</Badge>}
            </Group>
            <Text size="sm">
              {kt('common.customer')}:{' '}
              <Anchor component={Link} to={`/screening/customers/${c.customerId}`}>
                {c.customerName ?? c.customerId}
              </Anchor>
            </Text>
            <Text size="sm">
              {kt('cases.detectedAt')}: {formatDateTime(c.detectedAt, lang)} · {kt('cases.filingDueAt')}: {formatDateTime(c.filingDueAt, lang)}
            </Text>
            {c.filingReference && (
              <Text size="sm">
                {kt('cases.filingReference')}: {c.filingReference} ({c.filedAt ? formatDateTime(c.filedAt, lang) : ''})
              </Text>
            )}
            {c.closedReason && <Text size="sm">{kt('cases.closeReason')}: {c.closedReason}</Text>}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.summary}
            </Text>
          </Stack>
        </Panel>
      )}
      <Panel title={kt('evidence.title')} testId="evidence">
        {c && c.evidence.length === 0 && <Empty>{kt('evidence.none')}</Empty>}
        {c?.evidence.map((e) => (
          <Stack key={e.id} gap={2} mb="xs">
            <Text size="sm" fw={600}>
              {kt(`evidence.${e.kind}`)} · {formatDateTime(e.createdAt, lang)} · {e.createdBy ?? ''}
            </Text>
            {e.note && <Text size="sm">{e.note}</Text>}
            {e.kind !== 'note' && <Code block>{JSON.stringify(e.data, null, 2)}</Code>}
          </Stack>
        ))}
        {open && <AddEvidence caseId={id} />}
      </Panel>
      {c && open && (
        <Panel title={kt('cases.moves')}>
          <Transition caseId={id} status={c.status} />
        </Panel>
      )}
    </Stack>
  );
}
