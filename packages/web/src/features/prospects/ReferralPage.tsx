// The student portal's "Invite a friend": the student's own code, link and QR code, the reward
// rule, and their referred friends' progress (names masked by the server).
import { Alert, Badge, Button, Card, CopyButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { QrCode } from '../account/AccountPage.tsx';
import { absoluteUrl, BASE, money, type MyReferrals } from './api.ts';
import { useProspectsT } from './i18n.ts';

export default function ReferralPage() {
  const { pt, lang } = useProspectsT();
  const problem = useProblemMessage();
  const q = useQuery({
    queryKey: ['growth', 'referrals', 'mine'],
    queryFn: ({ signal }) => api.get<MyReferrals>(`${BASE}/referrals/mine`, { signal }),
  });
  if (q.error) return <Alert color="red">{problem(q.error)}</Alert>;
  const r = q.data;
  if (!r) return null;
  const url = absoluteUrl(r.path);
  return (
    <Stack>
      <Title order={2}>{pt('referrals.title')}</Title>
      <Text>
        {pt('referrals.intro', {
          amount: money(r.rules.rewardMinor, r.rules.currency),
          cap: r.rules.annualCap,
        })}
      </Text>
      <Card withBorder>
        <Group align="start">
          <QrCode value={url} label={pt('referrals.link')} />
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {pt('referrals.code')}
            </Text>
            <Text fw={700} size="xl" ff="monospace" data-testid="referral-code">
              {r.code}
            </Text>
            <Text size="sm" c="dimmed">
              {pt('referrals.link')}
            </Text>
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              {url}
            </Text>
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? pt('referrals.copied') : pt('referrals.copy')}
                </Button>
              )}
            </CopyButton>
          </Stack>
        </Group>
      </Card>
      <Title order={4}>{pt('referrals.friends')}</Title>
      {r.referrals.length === 0 ? (
        <Text c="dimmed">{pt('referrals.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{pt('referrals.friend')}</Table.Th>
              <Table.Th>{pt('referrals.invited')}</Table.Th>
              <Table.Th>{pt('referrals.progress')}</Table.Th>
              <Table.Th>{pt('referrals.reward')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.referrals.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>{f.name}</Table.Td>
                <Table.Td>{new Date(f.createdAt).toLocaleDateString(lang)}</Table.Td>
                <Table.Td>{pt(`referrals.status.${f.status}`)}</Table.Td>
                <Table.Td>
                  {f.reward ? (
                    <Badge variant="light">
                      {pt(`reward.${f.reward.status}`)} · {money(f.reward.amountMinor, f.reward.currency)}
                    </Badge>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
