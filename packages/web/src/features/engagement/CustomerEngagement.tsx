// The customer page's consent centre and contact history: communication preferences per channel
// × purpose (customers.consent changes them), the messages sent to the customer with their
// delivery status, and logged interactions, with shortcuts to write to the customer or log a
// contact. Shown to staff who may read messages.
import { Anchor, Button, Group, Loader, Stack, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { BASE, ENGAGEMENT_KEY, type Message } from './api.ts';
import { Empty, Panel } from './components.tsx';
import { InteractionDialog } from './InteractionForm.tsx';
import { MessagesTable } from './MessagesPage.tsx';
import { PreferencesEditor } from './PreferencesEditor.tsx';
import { InteractionsList } from './TasksPage.tsx';
import { useEngagementT } from './i18n.ts';

function CustomerMessages({ customerId }: { customerId: string }) {
  const { et } = useEngagementT();
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: [...ENGAGEMENT_KEY, 'messages', 'customer', customerId],
    queryFn: ({ signal }) =>
      api
        .get<{ items: Message[] }>(`${BASE}/messages`, { query: { customerId, limit: 10 }, signal })
        .then((r) => r.items),
  });
  if (query.isPending) return <Loader size="sm" />;
  if (!query.data?.length) return <Empty>{et('messages.empty')}</Empty>;
  return (
    <Stack gap="xs">
      <MessagesTable
        messages={query.data}
        customer={false}
        onOpen={(id) => void navigate(`/engagement/messages?customerId=${customerId}&id=${id}`)}
      />
      <Anchor component={Link} to={`/engagement/messages?customerId=${customerId}`} size="sm">
        {et('customer.allMessages')}
      </Anchor>
    </Stack>
  );
}

export function CustomerEngagementSection({ customerId }: { customerId: string }) {
  const { et } = useEngagementT();
  const can = useCan();
  const [logging, setLogging] = useState(false);
  if (!can('messages.read')) return null;
  return (
    <Panel
      title={et('customer.title')}
      testId="section-engagement"
      actions={
        <Group gap="xs">
          {can('messages.send') && (
            <Button
              size="xs"
              variant="light"
              component={Link}
              to={`/engagement/compose?customerId=${customerId}`}
              data-testid="customer-compose"
            >
              {et('customer.write')}
            </Button>
          )}
          {can('interactions.log') && (
            <Button
              size="xs"
              variant="light"
              onClick={() => setLogging(true)}
              data-testid="customer-log-interaction"
            >
              {et('interactions.log')}
            </Button>
          )}
        </Group>
      }
    >
      <Tabs defaultValue="consent" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="consent" data-testid="tab-consent">
            {et('customer.consentCentre')}
          </Tabs.Tab>
          <Tabs.Tab value="messages" data-testid="tab-messages">
            {et('messages.title')}
          </Tabs.Tab>
          {can('interactions.log') && (
            <Tabs.Tab value="interactions" data-testid="tab-customer-interactions">
              {et('interactions.title')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="consent">
          <PreferencesEditor customerId={customerId} editable={can('customers.consent')} />
        </Tabs.Panel>
        <Tabs.Panel value="messages">
          <CustomerMessages customerId={customerId} />
        </Tabs.Panel>
        <Tabs.Panel value="interactions">
          <InteractionsList customerId={customerId} limit={20} />
        </Tabs.Panel>
      </Tabs>
      {logging && <InteractionDialog customerId={customerId} onClose={() => setLogging(false)} />}
    </Panel>
  );
}
