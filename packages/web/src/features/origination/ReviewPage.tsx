// Staff: one application for review — answers, documents, identity and duplicate checks, the
// policy rules fired and the score, the decision form (approve, decline, refer), the second
// approval (four eyes), the offer and contract, and paying its tranches.
import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { ORIG_KEY, staffApi, type ApplicationDetail } from './api.ts';
import {
  DocumentsList,
  MoneyMinor,
  OfferView,
  RulesTable,
  ScoreCard,
  Section,
  SlaTimer,
  StatusBadge,
} from './components.tsx';
import { useOrigT } from './i18n.ts';

export default function ReviewPage() {
  const { id = '' } = useParams();
  const { ot } = useOrigT();
  const message = useProblemMessage();
  const app = useQuery({
    queryKey: [...ORIG_KEY, 'staff', id],
    queryFn: ({ signal }) => staffApi.get(id, signal),
  });
  if (app.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  if (app.isError) return <Alert color="red">{message(app.error)}</Alert>;
  const a = app.data;
  return (
    <>
      <PageHeader
        title={ot('review.title', { number: a.applicationNumber, name: a.applicantName ?? '' })}
        actions={
          <Group>
            <SlaTimer sla={a.sla} />
            <StatusBadge status={a.status} />
          </Group>
        }
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Stack gap="md">
          <Answers app={a} />
          <Section title={ot('review.documents')}>
            <DocumentsList documents={a.documents} urlOf={(d) => staffApi.documentUrl(a.id, d.id)} />
          </Section>
          <Section title={ot('review.checks')}>
            <Text size="sm">
              {ot('apply.enrolment')}: {ot(`enrolment.${a.enrolment.check}`)}
              {a.enrolment.checkedBy ? ` · ${a.enrolment.checkedBy}` : ''}
              {a.enrolment.note ? ` · ${a.enrolment.note}` : ''}
            </Text>
            <Text size="sm">
              {ot('review.duplicates')}:{' '}
              {a.checks?.duplicateOf?.length ? a.checks.duplicateOf.join(', ') : ot('review.none')}
            </Text>
            <Text size="sm">
              {ot('review.fraudFlags')}:{' '}
              {a.checks?.fraudFlags?.length ? a.checks.fraudFlags.join(', ') : ot('review.none')}
            </Text>
          </Section>
        </Stack>
        <Stack gap="md">
          {a.status !== 'draft' && <Evaluation app={a} />}
          <DecisionHistory app={a} />
          {a.offer && (
            <Section title={ot('offer.title')}>
              <OfferView offer={a.offer} />
            </Section>
          )}
          {a.contract && (
            <Section
              title={ot('contract.title', { number: a.contract.contractNumber, version: a.contract.version })}
            >
              <Anchor href={staffApi.contractUrl(a.id)} target="_blank" rel="noreferrer">
                {a.contract.status === 'signed' ? ot('contract.downloadSigned') : ot('contract.download')}
              </Anchor>
              <Text size="sm">{ot(`contractStatus.${a.contract.status}`)}</Text>
              {a.contract.signatures.map((s) => (
                <Text key={s.party} size="sm">
                  {ot(`party.${s.party}`)}: {s.signerName} · {s.method} · {s.ip ?? '—'} · SHA-256{' '}
                  {s.documentSha256.slice(0, 12)}…
                </Text>
              ))}
              <CosignerButton app={a} />
            </Section>
          )}
          <Tranches app={a} />
        </Stack>
      </SimpleGrid>
    </>
  );
}

function Answers({ app }: { app: ApplicationDetail }) {
  const { ot } = useOrigT();
  const a = app.answers;
  const rows: [string, string | undefined][] = [
    ['field.identity.legalName', a.identity?.legalName],
    ['field.identity.dateOfBirth', a.identity?.dateOfBirth],
    ['field.identity.nationalId', a.identity?.nationalId],
    ['field.identity.phone', a.identity?.phone],
    ['field.identity.email', a.identity?.email],
    ['field.school.level', a.school?.level ? ot(`level.${a.school.level}`) : undefined],
    ['field.school.programme', a.school?.programme],
    ['field.school.yearOfStudy', a.school?.yearOfStudy?.toString()],
    ['field.school.expectedGraduationDate', a.school?.expectedGraduationDate],
    ['field.household.size', a.household?.size?.toString()],
    ['field.household.needs', (a.household?.needs ?? []).map((n) => ot(`need.${n}`)).join(', ')],
    ['field.related.guardianName', a.related?.guardianName],
    ['field.related.cosigner.name', a.related?.cosigner?.name],
    ['field.purpose.purpose', a.purpose?.purpose ? ot(`purpose.${a.purpose.purpose}`) : undefined],
  ];
  return (
    <Section title={ot('review.answers')}>
      <Table>
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Td>{ot(k)}</Table.Td>
              <Table.Td>{v || '—'}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>{ot('field.household.annualIncomeMinor')}</Table.Td>
            <Table.Td>
              <MoneyMinor minor={a.household?.annualIncomeMinor ?? null} currency={app.currency ?? 'CNY'} />
            </Table.Td>
          </Table.Tr>
          {(a.purpose?.years ?? []).map((y) => (
            <Table.Tr key={y.academicYear}>
              <Table.Td>{y.academicYear}</Table.Td>
              <Table.Td>
                <MoneyMinor minor={y.amountMinor} currency={app.currency ?? 'CNY'} /> ·{' '}
                {ot(`payee.${y.payee}`)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Evaluation({ app }: { app: ApplicationDetail }) {
  const { ot } = useOrigT();
  const can = useCan();
  const me = useMe();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const ev = useQuery({
    queryKey: [...ORIG_KEY, 'evaluation', app.id, app.updatedAt],
    queryFn: ({ signal }) => staffApi.evaluation(app.id, signal),
  });
  const done = (d: ApplicationDetail) => {
    qc.setQueryData([...ORIG_KEY, 'staff', app.id], d);
    void qc.invalidateQueries({ queryKey: [...ORIG_KEY, 'queue'] });
  };
  const decide = useMutation({
    mutationFn: (outcome: string) => staffApi.decide(app.id, { outcome, ...(note ? { note } : {}) }),
    onSuccess: done,
  });
  const approve = useMutation({
    mutationFn: (ok: boolean) => staffApi.approve(app.id, { approve: ok, ...(note ? { note } : {}) }),
    onSuccess: done,
  });
  const first = app.decisions.filter((d) => d.kind === 'first').at(-1);
  const decidable = ['submitted', 'referred'].includes(app.status) && can('applications.decide');
  const approvable = app.status === 'pending_approval' && can('applications.approve');
  const samePersonDecided = first?.decidedById === me.id;
  return (
    <Section title={ot('review.evaluation')} testId="evaluation">
      {ev.isPending && <Loader size="sm" />}
      {ev.isError && <Alert color="red">{message(ev.error)}</Alert>}
      {ev.data && (
        <>
          <Text fw={600} data-testid="policy-outcome">
            {ot('review.policySays', { outcome: ot(`outcome.${ev.data.policy.outcome}`) })}
          </Text>
          <ScoreCard score={ev.data.score} note={ev.data.scoreNote} />
          <RulesTable rules={ev.data.policy.rules} />
          {ev.data.fourEyes.required && (
            <Alert color="grape">
              {ot('review.fourEyes', {
                why: ev.data.fourEyes.why.map((w) => ot(`fourEyesWhy.${w}`)).join(', '),
              })}
            </Alert>
          )}
        </>
      )}
      {(decidable || approvable) && (
        <Textarea
          label={ot('review.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="decision-note"
        />
      )}
      {decidable && (
        <Group>
          <Button
            color="teal"
            onClick={() => decide.mutate('approve')}
            loading={decide.isPending}
            data-testid="decide-approve"
          >
            {ot('review.approve')}
          </Button>
          <Button
            color="orange"
            variant="light"
            onClick={() => decide.mutate('refer')}
            loading={decide.isPending}
            data-testid="decide-refer"
          >
            {ot('review.refer')}
          </Button>
          <Button
            color="red"
            variant="light"
            onClick={() => decide.mutate('decline')}
            loading={decide.isPending}
            data-testid="decide-decline"
          >
            {ot('review.decline')}
          </Button>
        </Group>
      )}
      {approvable && (
        <Stack gap="xs">
          {samePersonDecided && <Alert color="yellow">{ot('review.youDecided')}</Alert>}
          <Group>
            <Button
              color="teal"
              disabled={samePersonDecided}
              onClick={() => approve.mutate(true)}
              loading={approve.isPending}
              data-testid="second-approve"
            >
              {ot('review.secondApprove')}
            </Button>
            <Button
              color="red"
              variant="light"
              disabled={samePersonDecided}
              onClick={() => approve.mutate(false)}
              loading={approve.isPending}
            >
              {ot('review.secondDecline')}
            </Button>
          </Group>
        </Stack>
      )}
      {(decide.error ?? approve.error) && <Alert color="red">{message(decide.error ?? approve.error)}</Alert>}
    </Section>
  );
}

function DecisionHistory({ app }: { app: ApplicationDetail }) {
  const { ot, lang } = useOrigT();
  if (!app.decisions.length) return null;
  return (
    <Section title={ot('review.history')}>
      {app.decisions.map((d) => (
        <Stack key={d.id} gap={2}>
          <Text size="sm" fw={600}>
            {ot(`decisionKind.${d.kind}`)}: {ot(`outcome.${d.outcome}`)} · {d.decidedBy} ·{' '}
            {formatDateTime(d.decidedAt, lang)}
          </Text>
          {d.reasons.length > 0 && <Text size="sm">{d.reasons.map((r) => ot(`reason.${r}`)).join(' ')}</Text>}
          {d.note && (
            <Text size="sm" c="dimmed">
              {d.note}
            </Text>
          )}
        </Stack>
      ))}
      {app.decisionSeconds !== null && (
        <Text size="xs" c="dimmed">
          {ot('review.timeToDecision', { minutes: Math.round(app.decisionSeconds / 60) })}
        </Text>
      )}
    </Section>
  );
}

function CosignerButton({ app }: { app: ApplicationDetail }) {
  const { ot } = useOrigT();
  const can = useCan();
  const qc = useQueryClient();
  const message = useProblemMessage();
  const m = useMutation({
    mutationFn: () => staffApi.cosign(app.id),
    onSuccess: (d) => qc.setQueryData([...ORIG_KEY, 'staff', app.id], d),
  });
  const needs =
    !!app.answers.related?.cosigner && !app.contract?.signatures.some((s) => s.party === 'cosigner');
  if (!needs || app.status !== 'approved' || !can('applications.manage')) return null;
  return (
    <>
      <Button variant="light" onClick={() => m.mutate()} loading={m.isPending}>
        {ot('contract.cosignerWitnessed')}
      </Button>
      {m.isError && <Alert color="red">{message(m.error)}</Alert>}
    </>
  );
}

function Tranches({ app }: { app: ApplicationDetail }) {
  const { ot } = useOrigT();
  const can = useCan();
  const qc = useQueryClient();
  const message = useProblemMessage();
  const pay = useMutation({
    mutationFn: (tranche: number) =>
      staffApi.disburse(app.id, { tranche, idempotencyKey: `${app.id}:tranche:${tranche}` }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ORIG_KEY, 'staff', app.id] }),
  });
  if (!app.offer) return null;
  return (
    <Section title={ot('disburse.title')} testId="tranches">
      {app.offer.tranches.map((t) => {
        const d = app.disbursements.find((x) => x.tranche === t.tranche && x.status !== 'cancelled');
        return (
          <Group key={t.tranche} justify="space-between">
            <Text size="sm">
              {ot('offer.trancheN', { n: t.tranche })} · {t.academicYear} ·{' '}
              <MoneyMinor minor={t.amountMinor} currency={app.offer!.currency} /> · {ot(`payee.${t.payee}`)}
            </Text>
            {d ? (
              <Text size="sm">
                {ot(`disbursementStatus.${d.status}`)}{' '}
                {d.status === 'posted' ? formatMoney(d.amount, d.currency) : ''}
              </Text>
            ) : (
              can('disbursements.manage') &&
              ['contracted', 'disbursed'].includes(app.status) && (
                <Button
                  size="xs"
                  onClick={() => pay.mutate(t.tranche)}
                  loading={pay.isPending}
                  data-testid={`pay-tranche-${t.tranche}`}
                >
                  {ot('disburse.pay')}
                </Button>
              )
            )}
          </Group>
        );
      })}
      {pay.isError && <Alert color="red">{message(pay.error)}</Alert>}
    </Section>
  );
}
