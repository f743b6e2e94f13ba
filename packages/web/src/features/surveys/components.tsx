// Small pieces the surveys pages share: a titled panel, an empty state, status badges and the
// error message of a failed request.
import { Alert, Badge, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { useSurveysT } from './i18n.ts';

export function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" size="sm" py="sm">
      {children}
    </Text>
  );
}

const STATUS_COLOR: Record<string, string> = {
  draft: 'gray',
  published: 'blue',
  open: 'green',
  closed: 'gray',
  planned: 'gray',
  in_progress: 'yellow',
  done: 'green',
};

export function StatusBadge({ status }: { status: string }) {
  const { st } = useSurveysT();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light">
      {st(`status.${status}`)}
    </Badge>
  );
}

/** A request's failure in the user's language (field errors are shown on their fields). */
export function ErrorAlert({ error }: { error: unknown }) {
  const message = useProblemMessage();
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      <Stack gap={2}>
        <Text size="sm">{message(error)}</Text>
        {error instanceof ApiError &&
          (error.problem.errors ?? []).slice(0, 5).map((e) => (
            <Text size="xs" key={e.field}>
              {e.field}: {e.message}
            </Text>
          ))}
      </Stack>
    </Alert>
  );
}

export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors : {};
}
