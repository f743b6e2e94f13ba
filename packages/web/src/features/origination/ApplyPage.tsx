// The student's application: the wizard while it is a draft, then its status page — where it is,
// the school's confirmation, the offer with the repayment preview, the e-contract to sign with a
// one-time code, and the tranches paid.
import {
  Alert,
  Anchor,
  Button,
  Center,
  Checkbox,
  Group,
  Loader,
  PinInput,
  Stack,
  Stepper,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { ORIG_KEY, portal, type ApplicationDetail } from './api.ts';
import { ApplicationWizard } from './ApplicationWizard.tsx';
import { OfferView, Section, StatusBadge } from './components.tsx';
import { useOrigT } from './i18n.ts';

const TRACK = ['submitted', 'decided', 'approved', 'contracted', 'disbursed'] as const;

function trackStep(app: ApplicationDetail): number {
  switch (app.status) {
    case 'draft':
      return 0;
    case 'submitted':
    case 'referred':
    case 'pending_approval':
      return 1;
    case 'approved':
      return 3;
    case 'contracted':
      return 4;
    case 'disbursed':
      return 5;
    default:
      return 2;
  }
}

export default function ApplyPage() {
  const { id = '' } = useParams();
  const { ot } = useOrigT();
  const message = useProblemMessage();
  const query = useQuery({
    queryKey: [...ORIG_KEY, 'portal', id],
    queryFn: ({ signal }) => portal.get(id, signal),
  });
  if (query.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  if (query.isError) return <Alert color="red">{message(query.error)}</Alert>;
  const app = query.data;
  return (
    <>
      <PageHeader
        title={ot('apply.title', { number: app.applicationNumber })}
        actions={<StatusBadge status={app.status} />}
        description={ot('apply.description')}
      />
      {app.status === 'draft' ? <ApplicationWizard key={app.id} app={app} /> : <StatusView app={app} />}
    </>
  );
}

function StatusView({ app }: { app: ApplicationDetail }) {
  const { ot, lang } = useOrigT();
  return (
    <Stack gap="md">
      <Stepper active={trackStep(app)} size="sm" data-testid="track">
        {TRACK.map((s) => (
          <Stepper.Step key={s} label={ot(`track.${s}`)} />
        ))}
      </Stepper>
      <Section title={ot('apply.whereTitle')}>
        <Text data-testid="status-text">{ot(`statusText.${app.status}`)}</Text>
        <Text size="sm">
          {ot('apply.enrolment')}: {ot(`enrolment.${app.enrolment.check}`)}
        </Text>
        {app.submittedAt && (
          <Text size="sm" c="dimmed">
            {ot('apply.submittedAt', { at: formatDateTime(app.submittedAt, lang) })}
          </Text>
        )}
      </Section>
      {app.offer && (
        <Section title={ot('offer.title')} testId="offer-section">
          <OfferView offer={app.offer} />
        </Section>
      )}
      {app.contract && <ContractPanel app={app} />}
      {app.disbursements.length > 0 && (
        <Section title={ot('apply.disbursements')}>
          {app.disbursements.map((d) => (
            <Text key={d.id} size="sm" data-testid="portal-disbursement">
              {ot('offer.trancheN', { n: d.tranche })} · {d.academicYear} ·{' '}
              {formatMoney(d.amount, d.currency)} · {ot(`payee.${d.payee}`)} ·{' '}
              {ot(`disbursementStatus.${d.status}`)}
            </Text>
          ))}
          {app.loanId && (
            <Anchor component={Link} to={`/loans/${app.loanId}`} data-testid="portal-loan-link">
              {ot('apply.seeLoan')}
            </Anchor>
          )}
        </Section>
      )}
    </Stack>
  );
}

function ContractPanel({ app }: { app: ApplicationDetail }) {
  const { ot, lang } = useOrigT();
  const message = useProblemMessage();
  const qc = useQueryClient();
  const c = app.contract!;
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const refresh = (d: ApplicationDetail) => qc.setQueryData([...ORIG_KEY, 'portal', app.id], d);
  const consent = useMutation({ mutationFn: () => portal.consent(app.id), onSuccess: refresh });
  const send = useMutation({
    mutationFn: () => portal.sendCode(app.id),
    onSuccess: (r) => setSent(r.expiresAt),
  });
  const sign = useMutation({ mutationFn: () => portal.sign(app.id, code), onSuccess: refresh });
  const reissue = useMutation({
    mutationFn: () => portal.reissue(app.id, c.language === 'en' ? 'zh-CN' : 'en'),
    onSuccess: refresh,
  });
  const open = app.status === 'approved' && c.status === 'pending_signature';
  const error = consent.error ?? send.error ?? sign.error ?? reissue.error;
  return (
    <Section title={ot('contract.title', { number: c.contractNumber, version: c.version })} testId="contract">
      <Group>
        <Anchor href={portal.contractUrl(app.id)} target="_blank" rel="noreferrer" data-testid="contract-pdf">
          {c.status === 'signed' ? ot('contract.downloadSigned') : ot('contract.download')}
        </Anchor>
        <Text size="xs" c="dimmed">
          SHA-256 {(c.sealedSha256 ?? c.documentSha256).slice(0, 16)}…
        </Text>
      </Group>
      {c.status === 'signed' && (
        <Text c="teal" data-testid="contract-signed">
          {ot('contract.signedAt', { at: formatDateTime(c.sealedAt ?? '', lang) })}
        </Text>
      )}
      {open && (
        <Stack gap="sm">
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => reissue.mutate()}
            loading={reissue.isPending}
          >
            {c.language === 'en' ? ot('contract.inChinese') : ot('contract.inEnglish')}
          </Button>
          <Checkbox
            label={ot('contract.consent')}
            checked={!!c.electronicConsentAt}
            disabled={!!c.electronicConsentAt || consent.isPending}
            onChange={() => consent.mutate()}
            data-testid="electronic-consent"
          />
          <Group>
            <Button
              variant="light"
              disabled={!c.electronicConsentAt}
              onClick={() => send.mutate()}
              loading={send.isPending}
              data-testid="send-code"
            >
              {ot('contract.sendCode')}
            </Button>
            {sent && <Text size="sm">{ot('contract.codeSent', { at: formatDateTime(sent, lang) })}</Text>}
          </Group>
          <Group align="end">
            <PinInput
              length={6}
              type="number"
              value={code}
              onChange={setCode}
              oneTimeCode
              data-testid="code"
              aria-label={ot('contract.code')}
            />
            <Button
              disabled={code.length !== 6}
              onClick={() => sign.mutate()}
              loading={sign.isPending}
              data-testid="sign"
            >
              {ot('contract.sign')}
            </Button>
          </Group>
        </Stack>
      )}
      {c.signatures.map((s) => (
        <Text key={s.party} size="sm">
          {ot(`party.${s.party}`)}: {s.signerName} · {formatDateTime(s.signedAt, lang)} · {s.method}
        </Text>
      ))}
      {error && <Alert color="red">{message(error)}</Alert>}
    </Section>
  );
}
