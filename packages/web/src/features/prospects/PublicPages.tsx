// Public pages outside the signed-in app: the campus-event attendance form behind a QR code
// (/e/:token) and the interest form a website, social or referral link opens (/r/:code,
// /interest?tc=…). Both carry a hidden honeypot field that people leave empty.
import { Alert, Button, Checkbox, Container, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import { BASE, LEVELS, type PublicEvent } from './api.ts';
import { useProspectsT } from './i18n.ts';

interface FormState {
  legalName: string;
  phone: string;
  email: string;
  educationLevel: string | null;
  financialNeed: boolean;
  consentContact: boolean;
  website: string;
}

function ContactForm({
  onSubmit,
  pending,
  error,
  submitLabel,
}: {
  onSubmit: (f: Record<string, unknown>) => void;
  pending: boolean;
  error: unknown;
  submitLabel: string;
}) {
  const { pt } = useProspectsT();
  const problem = useProblemMessage();
  const [f, setF] = useState<FormState>({
    legalName: '',
    phone: '',
    email: '',
    educationLevel: null,
    financialNeed: false,
    consentContact: false,
    website: '',
  });
  const errors = fieldErrorsOf(error);
  return (
    <Stack>
      <TextInput
        label={pt('attend.name')}
        required
        value={f.legalName}
        error={errors.legalName}
        onChange={(e) => setF({ ...f, legalName: e.currentTarget.value })}
      />
      <TextInput
        label={pt('attend.phone')}
        type="tel"
        value={f.phone}
        error={errors.phone}
        onChange={(e) => setF({ ...f, phone: e.currentTarget.value })}
      />
      <TextInput
        label={pt('attend.email')}
        type="email"
        value={f.email}
        error={errors.email}
        onChange={(e) => setF({ ...f, email: e.currentTarget.value })}
      />
      <Select
        label={pt('attend.level')}
        value={f.educationLevel}
        onChange={(v) => setF({ ...f, educationLevel: v })}
        data={LEVELS.map((l) => ({ value: l, label: pt(`level.${l}`) }))}
      />
      <Checkbox
        label={pt('attend.need')}
        checked={f.financialNeed}
        onChange={(e) => setF({ ...f, financialNeed: e.currentTarget.checked })}
      />
      <Checkbox
        label={pt('attend.consent')}
        checked={f.consentContact}
        error={errors.consentContact}
        onChange={(e) => setF({ ...f, consentContact: e.currentTarget.checked })}
      />
      {/* Honeypot: hidden from people, filled by bots. */}
      <input
        type="text"
        name="website"
        tabIndex={-1}
        autoComplete="off"
        aria-hidden="true"
        style={{ position: 'absolute', left: '-10000px' }}
        value={f.website}
        onChange={(e) => setF({ ...f, website: e.currentTarget.value })}
      />
      {error != null && !Object.keys(errors).length && <Alert color="red">{problem(error)}</Alert>}
      <Button
        loading={pending}
        disabled={!f.legalName || !f.consentContact}
        onClick={() =>
          onSubmit({
            legalName: f.legalName,
            ...(f.phone ? { phone: f.phone } : {}),
            ...(f.email ? { email: f.email } : {}),
            ...(f.educationLevel ? { educationLevel: f.educationLevel } : {}),
            financialNeed: f.financialNeed,
            consentContact: f.consentContact,
            ...(f.website ? { website: f.website } : {}),
          })
        }
      >
        {submitLabel}
      </Button>
    </Stack>
  );
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <Container size={480} py="xl">
      <Stack>{children}</Stack>
    </Container>
  );
}

export function PublicAttendPage() {
  const { token = '' } = useParams();
  const { pt } = useProspectsT();
  const ev = useQuery({
    queryKey: ['public-event', token],
    queryFn: ({ signal }) =>
      api.get<PublicEvent>(`${BASE}/public/events/${encodeURIComponent(token)}`, { signal }),
    retry: false,
  });
  const attend = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<{ reference: string | null }>(
        `${BASE}/public/events/${encodeURIComponent(token)}/attend`,
        body,
      ),
  });
  if (ev.error)
    return (
      <Shell>
        <Alert color="red">{pt('attend.invalid')}</Alert>
      </Shell>
    );
  const e = ev.data;
  if (!e) return null;
  return (
    <Shell>
      <Title order={2}>{pt('attend.title')}</Title>
      <Text fw={600}>{e.name}</Text>
      <Text c="dimmed">
        {e.schoolName} · {e.eventDate} · {e.venue}
      </Text>
      {!e.open ? (
        <Alert color="gray">{pt('attend.closed')}</Alert>
      ) : attend.isSuccess ? (
        <Alert color="green">{pt('attend.thanks', { reference: attend.data.reference ?? '—' })}</Alert>
      ) : (
        <ContactForm
          onSubmit={(b) => attend.mutate(b)}
          pending={attend.isPending}
          error={attend.error}
          submitLabel={pt('attend.submit')}
        />
      )}
    </Shell>
  );
}

export function PublicInterestPage() {
  const { code } = useParams();
  const [search] = useSearchParams();
  const { pt } = useProspectsT();
  const tc = search.get('tc');
  const channel = search.get('ch');
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post(`${BASE}/public/prospects`, {
        ...body,
        ...(code ? { referralCode: code } : {}),
        ...(tc ? { trackingCode: tc } : {}),
        ...(channel === 'social' || channel === 'app_referral' ? { channel } : {}),
      }),
  });
  return (
    <Shell>
      <Title order={2}>{pt('interest.title')}</Title>
      <Text>{pt('interest.intro')}</Text>
      {code && <Text c="dimmed">{pt('interest.referredBy', { code })}</Text>}
      {send.isSuccess ? (
        <Alert color="green">{pt('interest.thanks')}</Alert>
      ) : (
        <ContactForm
          onSubmit={(b) => send.mutate(b)}
          pending={send.isPending}
          error={send.error}
          submitLabel={pt('interest.submit')}
        />
      )}
    </Shell>
  );
}
