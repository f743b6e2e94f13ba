// Anyone with contracts.verify: upload a contract PDF and learn which stored contract it is and
// whether it is intact (its SHA-256 matches the sealed copy and its PDF signature verifies).
import { Alert, Button, FileInput, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { verifyContract } from './api.ts';
import { Section } from './components.tsx';
import { useOrigT } from './i18n.ts';

export default function VerifyPage() {
  const { ot } = useOrigT();
  const message = useProblemMessage();
  const [file, setFile] = useState<File | null>(null);
  const check = useMutation({ mutationFn: (f: File) => verifyContract(f) });
  const r = check.data;
  return (
    <>
      <PageHeader title={ot('verify.title')} description={ot('verify.description')} />
      <Group align="end" mb="md">
        <FileInput
          label={ot('verify.file')}
          accept="application/pdf"
          value={file}
          onChange={setFile}
          data-testid="verify-file"
        />
        <Button
          disabled={!file}
          onClick={() => file && check.mutate(file)}
          loading={check.isPending}
          data-testid="verify"
        >
          {ot('verify.check')}
        </Button>
      </Group>
      {check.isError && <Alert color="red">{message(check.error)}</Alert>}
      {r && (
        <Section title={r.intact ? ot('verify.intact') : ot('verify.notIntact')} testId="verify-result">
          <Stack gap={4}>
            <Alert color={r.intact ? 'teal' : 'red'}>
              {r.intact ? ot('verify.intactText') : ot('verify.notIntactText')}
            </Alert>
            {r.contract ? (
              <Text size="sm">
                {ot('verify.which', {
                  number: r.contract.contractNumber,
                  version: r.contract.version,
                  application: r.contract.applicationNumber,
                })}
              </Text>
            ) : (
              <Text size="sm">{ot('verify.unknown')}</Text>
            )}
            <Text size="sm">
              {ot('verify.signature')}:{' '}
              {r.signature.present
                ? r.signature.valid
                  ? ot('verify.valid')
                  : ot('verify.invalid')
                : ot('verify.absent')}
              {r.signature.lenderSeal ? ` · ${ot('verify.lenderSeal')}` : ''}
            </Text>
            <Text size="xs" c="dimmed">
              SHA-256 {r.sha256}
            </Text>
          </Stack>
        </Section>
      )}
    </>
  );
}
