// Communication preferences of one customer — the consent centre on the customer page (staff with
// customers.consent change them) and the student's own page: marketing consent, each channel on or
// off per purpose (service, marketing) with what the server would allow now and why not, the
// preferred channel, time zone and quiet hours.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { formatDateTime } from '../../format.ts';
import {
  ENGAGEMENT_KEY,
  fetchPreferences,
  MESSAGE_CHANNELS,
  MESSAGE_PURPOSES,
  savePreferences,
  type MessagePurpose,
  type Preferences,
  type PreferencesPatch,
} from './api.ts';
import { useReason } from './components.tsx';
import { useEngagementT } from './i18n.ts';

export interface Draft {
  marketingConsent: boolean;
  optOuts: Record<MessagePurpose, string[]>;
  preferredChannel: string;
  timeZone: string;
  quietStart: string;
  quietEnd: string;
}

function draftOf(p: Preferences): Draft {
  return {
    marketingConsent: p.consents.marketing === true,
    optOuts: { service: [...p.optOuts.service], marketing: [...p.optOuts.marketing] },
    preferredChannel: p.preferredChannel,
    timeZone: p.timeZone,
    quietStart: p.quietHours.start,
    quietEnd: p.quietHours.end,
  };
}

/** Only what changed, so saving does not record a consent nobody gave or pin default settings. */
export function changes(before: Draft, d: Draft): PreferencesPatch {
  const patch: PreferencesPatch = {};
  if (d.marketingConsent !== before.marketingConsent) patch.marketingConsent = d.marketingConsent;
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
  if (
    !same(d.optOuts.service, before.optOuts.service) ||
    !same(d.optOuts.marketing, before.optOuts.marketing)
  )
    patch.optOuts = d.optOuts;
  if (d.preferredChannel !== before.preferredChannel) patch.preferredChannel = d.preferredChannel;
  if (d.timeZone !== before.timeZone) patch.timeZone = d.timeZone;
  if (d.quietStart !== before.quietStart || d.quietEnd !== before.quietEnd)
    patch.quietHours = { start: d.quietStart, end: d.quietEnd };
  return patch;
}

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return (
    intl.supportedValuesOf?.('timeZone') ?? [
      'Asia/Shanghai',
      'Asia/Hong_Kong',
      'Europe/London',
      'America/New_York',
      'UTC',
    ]
  );
}

/** customerId null: the signed-in student's own preferences. */
export function PreferencesEditor({
  customerId,
  editable,
}: {
  customerId: string | null;
  editable: boolean;
}) {
  const { et, lang } = useEngagementT();
  const message = useProblemMessage();
  const reason = useReason();
  const client = useQueryClient();
  const key = [...ENGAGEMENT_KEY, 'preferences', customerId ?? 'me'];
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchPreferences(customerId, signal) });
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (query.data) setDraft(draftOf(query.data));
  }, [query.data]);
  const zones = useMemo(timeZones, []);
  const save = useMutation({
    mutationFn: ({ d, before }: { d: Draft; before: Draft }) =>
      savePreferences(customerId, changes(before, d)),
    onSuccess: (p) => {
      client.setQueryData(key, p);
      notifications.show({ color: 'green', message: et('preferences.saved') });
    },
  });
  if (query.isPending || !draft)
    return query.isError ? <Alert color="red">{message(query.error)}</Alert> : <Loader size="sm" />;
  const p = query.data!;
  const errors = fieldErrorsOf(save.error);
  const cell = (purpose: string, channel: string) =>
    p.matrix.find((m) => m.purpose === purpose && m.channel === channel);
  const toggle = (purpose: MessagePurpose, channel: string, on: boolean) =>
    setDraft({
      ...draft,
      optOuts: {
        ...draft.optOuts,
        [purpose]: on
          ? draft.optOuts[purpose].filter((c) => c !== channel)
          : [...draft.optOuts[purpose], channel],
      },
    });

  return (
    <Stack gap="sm" data-testid="preferences">
      <Group gap="xs">
        <Text size="sm">{et('preferences.consents')}:</Text>
        {MESSAGE_PURPOSES.map((purpose) => {
          const v = p.consents[purpose];
          return (
            <Badge
              key={purpose}
              variant="light"
              color={v === true ? 'green' : v === false ? 'red' : 'gray'}
              data-testid={`consent-${purpose}`}
            >
              {et(`purpose.${purpose}`)}:{' '}
              {et(
                v === true
                  ? 'preferences.granted'
                  : v === false
                    ? 'preferences.withdrawn'
                    : 'preferences.notAsked',
              )}
            </Badge>
          );
        })}
      </Group>
      <Switch
        label={et('preferences.marketingConsent')}
        description={et('preferences.marketingHelp')}
        checked={draft.marketingConsent}
        onChange={(e) => setDraft({ ...draft, marketingConsent: e.currentTarget.checked })}
        disabled={!editable}
        data-testid="pref-marketing"
      />
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder verticalSpacing={4} data-testid="preferences-matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {MESSAGE_CHANNELS.map((c) => (
                <Table.Th key={c} ta="center">
                  {et(`channel.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {MESSAGE_PURPOSES.map((purpose) => (
              <Table.Tr key={purpose}>
                <Table.Td>{et(`purpose.${purpose}`)}</Table.Td>
                {MESSAGE_CHANNELS.map((c) => {
                  const now = cell(purpose, c);
                  return (
                    <Table.Td key={c} ta="center">
                      <Stack gap={2} align="center">
                        <Checkbox
                          checked={!draft.optOuts[purpose].includes(c)}
                          onChange={(e) => toggle(purpose, c, e.currentTarget.checked)}
                          disabled={!editable}
                          aria-label={`${et(`purpose.${purpose}`)} · ${et(`channel.${c}`)}`}
                          data-testid={`pref-${purpose}-${c}`}
                        />
                        {now && (
                          <Tooltip
                            label={now.allowed ? et('preferences.allowedNow') : reason(now.reason)}
                            withinPortal
                          >
                            <Text size="xs" c={now.allowed ? 'green' : 'orange'}>
                              {now.allowed ? '✓' : '✕'}
                            </Text>
                          </Tooltip>
                        )}
                      </Stack>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        {et('preferences.matrixHelp')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <Select
          label={et('preferences.preferredChannel')}
          data={MESSAGE_CHANNELS.map((c) => ({ value: c, label: et(`channel.${c}`) }))}
          value={draft.preferredChannel}
          onChange={(v) => v && setDraft({ ...draft, preferredChannel: v })}
          allowDeselect={false}
          disabled={!editable}
          error={errors.preferredChannel}
          data-testid="pref-channel"
        />
        <Select
          label={et('preferences.timeZone')}
          description={p.timeZoneIsDefault ? et('preferences.timeZoneDefault') : undefined}
          data={zones.includes(draft.timeZone) ? zones : [draft.timeZone, ...zones]}
          value={draft.timeZone}
          onChange={(v) => v && setDraft({ ...draft, timeZone: v })}
          searchable
          allowDeselect={false}
          disabled={!editable}
          error={errors.timeZone}
        />
        <TextInput
          type="time"
          label={et('preferences.quietFrom')}
          value={draft.quietStart}
          onChange={(e) => setDraft({ ...draft, quietStart: e.currentTarget.value })}
          disabled={!editable}
          error={errors['quietHours.start']}
          data-testid="pref-quiet-start"
        />
        <TextInput
          type="time"
          label={et('preferences.quietTo')}
          value={draft.quietEnd}
          onChange={(e) => setDraft({ ...draft, quietEnd: e.currentTarget.value })}
          disabled={!editable}
          error={errors['quietHours.end']}
          data-testid="pref-quiet-end"
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {et('preferences.quietHelp')}
      </Text>
      {save.isError && Object.keys(errors).length === 0 && (
        <Alert color="red" role="alert">
          {message(save.error)}
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {p.updatedAt
            ? et('preferences.updated', { at: formatDateTime(p.updatedAt, lang) })
            : et('preferences.neverChanged')}
        </Text>
        {editable && (
          <Button
            onClick={() => save.mutate({ d: draft, before: draftOf(p) })}
            loading={save.isPending}
            disabled={Object.keys(changes(draftOf(p), draft)).length === 0}
            data-testid="pref-save"
          >
            {et('preferences.save')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
