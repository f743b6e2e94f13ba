// The next-best offer on the customer page: what fits this customer now, why (EN/中文), and
// the action to take. Staff with customers.internal see it; "Recompute" decides again now.
import { Anchor, Badge, Button, Group, Paper, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { BASE, type NextBestOffer } from './api.ts';
import { useCampaignsT } from './i18n.ts';

export function NextBestOfferPanel({ customerId }: { customerId: string }) {
  const { ct, lang } = useCampaignsT();
  const can = useCan();
  const qc = useQueryClient();
  const key = ['next-best-offer', customerId];
  const q = useQuery({
    queryKey: key,
    enabled: can('customers.internal'),
    queryFn: ({ signal }) => api.get<NextBestOffer>(`${BASE}/next-best-offers/${customerId}`, { signal }),
  });
  const recompute = useMutation({
    mutationFn: () => api.get<NextBestOffer>(`${BASE}/next-best-offers/${customerId}?recompute=true`),
    onSuccess: (d) => qc.setQueryData(key, d),
  });
  if (!can('customers.internal') || !q.data) return null;
  const d = q.data;
  return (
    <Paper withBorder p="md" data-testid="next-best-offer">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{ct('nbo.title')}</Title>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => recompute.mutate()}
          loading={recompute.isPending}
        >
          {ct('nbo.recompute')}
        </Button>
      </Group>
      {d.code ? (
        <>
          <Badge color={d.actionKind === 'none' ? 'red' : 'teal'} mb={4}>
            {ct(`nbo.code.${d.code}`)}
          </Badge>
          <Text size="sm">{d.reason?.[lang]}</Text>
          {d.href && (
            <Anchor component={Link} to={d.href} size="sm">
              {ct(`nbo.action.${d.actionKind ?? 'product'}`)}
            </Anchor>
          )}
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {ct('nbo.none')}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        {ct('nbo.asOf', { date: d.businessDate })}
      </Text>
    </Paper>
  );
}
