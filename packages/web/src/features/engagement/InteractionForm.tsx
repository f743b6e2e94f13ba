// Logging a contact with a customer: a call, meeting, campus event, walk-in, follow-up visit (回访)
// or collection attempt, with its outcome and next step (which becomes a task).
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { fieldErrorsOf, useProblemMessage } from '../../api/problems.ts';
import {
  BASE,
  ENGAGEMENT_KEY,
  INTERACTION_DIRECTIONS,
  INTERACTION_OUTCOMES,
  LOGGED_INTERACTION_KINDS,
  type Interaction,
} from './api.ts';
import { CustomerPicker } from './components.tsx';
import { useEngagementT } from './i18n.ts';

/** The current local time as a datetime-local value (YYYY-MM-DDTHH:MM). */
function localNow(): string {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function InteractionDialog({ customerId, onClose }: { customerId?: string; onClose: () => void }) {
  const { et } = useEngagementT();
  const message = useProblemMessage();
  const client = useQueryClient();
  const [customer, setCustomer] = useState<string | null>(customerId ?? null);
  const [kind, setKind] = useState<string>('call');
  const [direction, setDirection] = useState<string>('outbound');
  const [occurredAt, setOccurredAt] = useState(localNow);
  const [duration, setDuration] = useState<number | string>('');
  const [subject, setSubject] = useState('');
  const [notes, setNotes] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [location, setLocation] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [nextStepDue, setNextStepDue] = useState('');
  const log = useMutation({
    mutationFn: () =>
      api.post<Interaction>(`${BASE}/interactions`, {
        customerId: customer,
        kind,
        direction,
        occurredAt: occurredAt ? new Date(occurredAt).toISOString() : undefined,
        durationMinutes: typeof duration === 'number' ? duration : null,
        subject: subject.trim() || null,
        notes: notes.trim() || null,
        outcome,
        location: location.trim() || null,
        nextStep: nextStep.trim() || null,
        nextStepDue: nextStep.trim() && nextStepDue ? nextStepDue : null,
      }),
    onSuccess: async (i) => {
      notifications.show({
        color: 'green',
        message: i.taskId ? et('interactions.loggedWithTask') : et('interactions.logged'),
      });
      await client.invalidateQueries({ queryKey: ENGAGEMENT_KEY });
      await client.invalidateQueries({ queryKey: ['customers'] });
      onClose();
    },
  });
  const errors = fieldErrorsOf(log.error);
  const visit =
    kind === 'follow_up_visit' || kind === 'meeting' || kind === 'campus_event' || kind === 'walk_in';
  return (
    <Modal opened onClose={onClose} title={et('interactions.log')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          log.mutate();
        }}
      >
        <Stack>
          {!customerId && (
            <CustomerPicker
              label={et('field.customer')}
              placeholder={et('compose.searchCustomer')}
              value={customer}
              onChange={setCustomer}
              error={errors.customerId}
              required
              data-testid="interaction-customer"
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={et('interactions.kind')}
              data={LOGGED_INTERACTION_KINDS.map((k) => ({ value: k, label: et(`interactionKind.${k}`) }))}
              value={kind}
              onChange={(v) => setKind(v ?? 'call')}
              allowDeselect={false}
              data-testid="interaction-kind"
            />
            <Select
              label={et('interactions.direction')}
              data={INTERACTION_DIRECTIONS.map((d) => ({ value: d, label: et(`direction.${d}`) }))}
              value={direction}
              onChange={(v) => setDirection(v ?? 'outbound')}
              allowDeselect={false}
            />
            <Select
              label={et('interactions.outcome')}
              data={INTERACTION_OUTCOMES.map((o) => ({ value: o, label: et(`outcome.${o}`) }))}
              value={outcome}
              onChange={setOutcome}
              clearable
              error={errors.outcome}
              data-testid="interaction-outcome"
            />
            <TextInput
              type="datetime-local"
              label={et('interactions.when')}
              value={occurredAt}
              onChange={(e) => setOccurredAt(e.currentTarget.value)}
              error={errors.occurredAt}
            />
            <NumberInput
              label={et('interactions.minutes')}
              min={0}
              max={1440}
              value={duration}
              onChange={setDuration}
              error={errors.durationMinutes}
            />
            {visit && (
              <TextInput
                label={et('interactions.location')}
                value={location}
                onChange={(e) => setLocation(e.currentTarget.value)}
                error={errors.location}
              />
            )}
          </SimpleGrid>
          <TextInput
            label={et('field.subject')}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            error={errors.subject}
            data-testid="interaction-subject"
          />
          <Textarea
            label={et('interactions.notes')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={3}
            error={errors.notes}
            data-testid="interaction-notes"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={et('interactions.nextStep')}
              description={et('interactions.nextStepHelp')}
              value={nextStep}
              onChange={(e) => setNextStep(e.currentTarget.value)}
              error={errors.nextStep}
              data-testid="interaction-next-step"
            />
            <TextInput
              type="date"
              label={et('interactions.nextStepDue')}
              value={nextStepDue}
              onChange={(e) => setNextStepDue(e.currentTarget.value)}
              disabled={!nextStep.trim()}
              error={errors.nextStepDue}
              data-testid="interaction-next-due"
            />
          </SimpleGrid>
          {log.isError && Object.keys(errors).length === 0 && (
            <Alert color="red" role="alert">
              {message(log.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {et('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={log.isPending}
              disabled={!customer}
              data-testid="interaction-submit"
            >
              {et('interactions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
