// Shared pieces of the origination pages: status badges, the offer with its repayment preview,
// the rules fired, documents and the SLA timer.
import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime, formatMoney } from '../../format.ts';
import type { ApplicationStatus, DocumentMeta, FiredRule, Offer, Score, Sla } from './api.ts';
import { minorToMajor } from './api.ts';
import { useOrigT } from './i18n.ts';

const STATUS_COLOR: Record<ApplicationStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  referred: 'orange',
  pending_approval: 'grape',
  approved: 'teal',
  contracted: 'cyan',
  disbursed: 'green',
  declined: 'red',
  withdrawn: 'dark',
};

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { ot } = useOrigT();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="application-status">
      {ot(`status.${status}`)}
    </Badge>
  );
}

export function MoneyMinor({ minor, currency }: { minor: number | null; currency: string | null }) {
  if (minor === null || !currency) return <>—</>;
  return <>{formatMoney(minorToMajor(minor), currency)}</>;
}

export function SlaTimer({ sla }: { sla: Sla | null }) {
  const { ot, lang } = useOrigT();
  if (!sla) return <>—</>;
  return (
    <Badge
      color={sla.overdue ? 'red' : sla.hoursWaiting > 24 ? 'yellow' : 'gray'}
      variant="light"
      title={formatDateTime(sla.dueAt, lang)}
    >
      {sla.overdue
        ? ot('sla.overdue', { hours: sla.hoursWaiting })
        : ot('sla.waiting', { hours: sla.hoursWaiting })}
    </Badge>
  );
}

const RESULT_COLOR = { pass: 'green', refer: 'orange', decline: 'red' } as const;

export function RulesTable({ rules }: { rules: FiredRule[] }) {
  const { ot } = useOrigT();
  return (
    <Table striped data-testid="rules-fired">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{ot('review.rule')}</Table.Th>
          <Table.Th>{ot('review.result')}</Table.Th>
          <Table.Th>{ot('review.detail')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rules.map((r) => (
          <Table.Tr key={r.rule}>
            <Table.Td>{ot(`rule.${r.rule}`)}</Table.Td>
            <Table.Td>
              <Badge color={RESULT_COLOR[r.result]} variant="light">
                {ot(`result.${r.result}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{r.reason ? ot(`reason.${r.reason}`) : r.detail}</Text>
              {r.reason && (
                <Text size="xs" c="dimmed">
                  {r.detail}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ScoreCard({ score, note }: { score: Score | null; note?: string }) {
  const { ot } = useOrigT();
  if (!score)
    return (
      <Text size="sm" c="dimmed" data-testid="score">
        {ot('review.noScore')} {note ? `(${note})` : ''}
      </Text>
    );
  return (
    <Stack gap={4} data-testid="score">
      <Group gap="xs">
        <Text fw={600}>{ot('review.score', { score: score.score, grade: score.grade })}</Text>
        <Text size="sm" c="dimmed">
          PD {(score.pd * 100).toFixed(1)} % · {score.model}
        </Text>
      </Group>
      {score.reasons.map((r) => (
        <Text key={r.feature} size="sm">
          {ot('review.scoreReason', { feature: r.feature, bin: r.bin, points: r.pointsLost })}
        </Text>
      ))}
    </Stack>
  );
}

export function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Stack gap="sm">
        <Title order={4}>{title}</Title>
        {children}
      </Stack>
    </Card>
  );
}

export function DocumentsList({
  documents,
  urlOf,
}: {
  documents: DocumentMeta[];
  urlOf: (d: DocumentMeta) => string;
}) {
  const { ot, lang } = useOrigT();
  if (!documents.length) return <Text c="dimmed">{ot('documents.none')}</Text>;
  return (
    <Table data-testid="documents">
      <Table.Tbody>
        {documents.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>{ot(`document.${d.kind}`)}</Table.Td>
            <Table.Td>
              <Anchor href={urlOf(d)} target="_blank" rel="noreferrer">
                {d.fileName}
              </Anchor>
            </Table.Td>
            <Table.Td>
              {d.mediaType} · {Math.ceil(d.sizeBytes / 1024)} KB
            </Table.Td>
            <Table.Td>{formatDateTime(d.uploadedAt, lang)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const pct = (rate: string) => `${(Number(rate) * 100).toFixed(3)} %`;

export function OfferView({ offer }: { offer: Offer }) {
  const { ot, lang } = useOrigT();
  const p = offer.preview;
  return (
    <Stack gap="sm" data-testid="offer">
      <Group gap="xl">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {ot('offer.amount')}
          </Text>
          <Text fw={700} size="lg">
            {formatMoney(offer.amount, offer.currency)}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {ot('offer.rate')}
          </Text>
          <Text fw={700} size="lg">
            {pct(offer.rate)}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {ot('offer.apr')}
          </Text>
          <Text fw={700} size="lg">
            {pct(p.apr)}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {ot('offer.totalCost')}
          </Text>
          <Text fw={700} size="lg">
            {formatMoney(p.totalCost, offer.currency)}
          </Text>
        </Stack>
      </Group>
      <Text size="sm">
        {ot('offer.baseRate')}: {pct(offer.baseRate)}
      </Text>
      {offer.adjustments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {ot('offer.noAdjustments')}
        </Text>
      ) : (
        offer.adjustments.map((a) => (
          <Text size="sm" key={a.code} data-testid="pricing-adjustment">
            {ot(`adjustment.${a.code.startsWith('grade_') ? 'grade' : a.code}`, { grade: a.code.slice(6) })}:{' '}
            {a.bp > 0 ? '+' : ''}
            {a.bp} bp
          </Text>
        ))
      )}
      <Title order={5}>{ot('offer.tranches')}</Title>
      <Table>
        <Table.Tbody>
          {offer.tranches.map((t) => (
            <Table.Tr key={t.tranche}>
              <Table.Td>{ot('offer.trancheN', { n: t.tranche })}</Table.Td>
              <Table.Td>{t.academicYear}</Table.Td>
              <Table.Td>{formatDate(t.plannedDate, lang)}</Table.Td>
              <Table.Td>
                <MoneyMinor minor={t.amountMinor} currency={offer.currency} />
              </Table.Td>
              <Table.Td>{ot(`payee.${t.payee}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={5}>{ot('offer.repayment')}</Title>
      <Text size="sm">
        {ot('offer.repaymentText', {
          n: p.instalments,
          start: formatDate(p.repaymentStart, lang),
          payment: formatMoney(p.payment, offer.currency),
          interest: formatMoney(p.totalInterest, offer.currency),
          fees: formatMoney(p.fees, offer.currency),
          total: formatMoney(p.totalRepaid, offer.currency),
        })}
      </Text>
      <Table striped withTableBorder fz="xs" data-testid="schedule-preview">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{ot('offer.dueDate')}</Table.Th>
            <Table.Th>{ot('offer.principal')}</Table.Th>
            <Table.Th>{ot('offer.interest')}</Table.Th>
            <Table.Th>{ot('offer.payment')}</Table.Th>
            <Table.Th>{ot('offer.balance')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.schedule.slice(0, 12).map((r) => (
            <Table.Tr key={r.n}>
              <Table.Td>{r.n}</Table.Td>
              <Table.Td>{formatDate(r.dueDate, lang)}</Table.Td>
              <Table.Td>{r.principal}</Table.Td>
              <Table.Td>{r.interest}</Table.Td>
              <Table.Td>{r.payment}</Table.Td>
              <Table.Td>{r.balance}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {p.schedule.length > 12 && (
        <Text size="xs" c="dimmed">
          {ot('offer.moreRows', { n: p.schedule.length - 12 })}
        </Text>
      )}
    </Stack>
  );
}
