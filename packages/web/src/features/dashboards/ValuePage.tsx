// Value and loyalty: lifetime value of the largest open loans, churn by reason, repeat borrowing,
// NPS by segment and market share by school (enrolment figures marked with their source).
import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { money, pct } from '../portfolio/components.tsx';
import { useChurn, useClv, useMarketShare, useNpsBySegment, useRepeat } from './api.ts';
import { useDashboardsT } from './i18n.ts';

export default function ValuePage() {
  const { dt, lang } = useDashboardsT();
  const clv = useClv();
  const churn = useChurn();
  const repeat = useRepeat();
  const npsSeg = useNpsBySegment();
  const share = useMarketShare();
  return (
    <>
      <PageHeader title={dt('value.title')} description={dt('value.description')} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder data-testid="churn-card">
          <Text fw={600} mb="xs">
            {dt('churn.title')}
          </Text>
          {churn.isError && <Alert color="red">{dt('error')}</Alert>}
          {churn.data && (
            <Group gap="xs">
              {Object.entries(churn.data.counts).map(([k, n]) => (
                <Badge key={k} variant="light" color={k === 'retained' ? 'green' : 'orange'}>
                  {dt(`churn.${k}`)}: {n}
                </Badge>
              ))}
            </Group>
          )}
        </Card>
        <Card withBorder data-testid="repeat-card">
          <Text fw={600} mb="xs">
            {dt('repeat.title')}
          </Text>
          {repeat.data && (
            <>
              <Text size="sm">{dt('repeat.rate', { rate: pct(repeat.data.rate), n: repeat.data.repeaters, total: repeat.data.customers })}</Text>
              <Text size="sm">
                {dt('repeat.graduate', { rate: pct(repeat.data.graduateRate), n: repeat.data.graduateAfterUndergraduate, total: repeat.data.undergraduates })}
              </Text>
            </>
          )}
        </Card>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {dt('npsSegment.title')}
          </Text>
          <Table fz="sm" data-testid="nps-segment-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{dt('filters.segment')}</Table.Th>
                <Table.Th ta="right">{dt('npsSegment.responses')}</Table.Th>
                <Table.Th ta="right">NPS</Table.Th>
                <Table.Th ta="right">CSAT</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {npsSeg.data?.segments.map((s) => (
                <Table.Tr key={s.segment}>
                  <Table.Td>{s.segment ? dt(`segment.${s.segment}`, { defaultValue: s.segment }) : dt('segment.none')}</Table.Td>
                  <Table.Td ta="right">{s.responses}</Table.Td>
                  <Table.Td ta="right">{s.nps === null ? '—' : s.nps.toFixed(1)}</Table.Td>
                  <Table.Td ta="right">{pct(s.csat)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {dt('clv.title')}
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            {dt('clv.formula')}
          </Text>
          <Table fz="sm" data-testid="clv-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{dt('drill.loan')}</Table.Th>
                <Table.Th ta="right">{dt('clv.interest')}</Table.Th>
                <Table.Th ta="right">{dt('clv.cost')}</Table.Th>
                <Table.Th ta="right">{dt('clv.loss')}</Table.Th>
                <Table.Th ta="right">{dt('clv.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clv.data?.items.slice(0, 15).map((l) => (
                <Table.Tr key={l.loanId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/loans/${l.loanId}`}>
                      {l.loanNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{money(l.interest, l.currency, lang)}</Table.Td>
                  <Table.Td ta="right">{money(l.costToServe, l.currency, lang)}</Table.Td>
                  <Table.Td ta="right">{money(l.expectedLoss, l.currency, lang)}</Table.Td>
                  <Table.Td ta="right">{money(l.value, l.currency, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>
      <Card withBorder mt="md">
        <Text fw={600} mb="xs">
          {dt('share.title')}
        </Text>
        <Table fz="sm" striped data-testid="market-share-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{dt('drill.school')}</Table.Th>
              <Table.Th>{dt('share.year')}</Table.Th>
              <Table.Th ta="right">{dt('share.borrowers')}</Table.Th>
              <Table.Th ta="right">{dt('share.enrolled')}</Table.Th>
              <Table.Th ta="right">{dt('share.share')}</Table.Th>
              <Table.Th>{dt('share.source')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {share.data?.items.map((r) => (
              <Table.Tr key={`${r.schoolId}-${r.academicYear}`}>
                <Table.Td>{(lang === 'zh-CN' ? r.schoolLocal : null) ?? r.school}</Table.Td>
                <Table.Td>{r.academicYear}</Table.Td>
                <Table.Td ta="right">{r.borrowers}</Table.Td>
                <Table.Td ta="right">{r.enrolled ?? '—'}</Table.Td>
                <Table.Td ta="right">{pct(r.share, 3)}</Table.Td>
                <Table.Td>
                  {r.source && (
                    <Badge variant="light" color={r.source === 'demo-estimate' ? 'yellow' : 'blue'}>
                      {dt(`share.sources.${r.source}`, { defaultValue: r.source })}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </>
  );
}
