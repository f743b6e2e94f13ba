// "Log a request": staff record a request that came by phone, walk-in, email or social media.
import { Alert, Button, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/problems.ts';
import { CustomerSelect } from '../loans/pickers.tsx';
import {
  DESK_KEY,
  deskApi,
  PRIORITIES,
  TICKET_CHANNELS,
  TICKET_TYPES,
  type TicketChannel,
  type TicketType,
} from './api.ts';
import { useDeskT } from './i18n.ts';

export function LogTicketButton() {
  const { dt } = useDeskT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{dt('log.button')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={dt('log.title')} size="lg">
        {open && <LogTicketForm onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function LogTicketForm({ onDone }: { onDone: () => void }) {
  const { dt } = useDeskT();
  const message = useProblemMessage();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [type, setType] = useState<TicketType>('consultation');
  const [channel, setChannel] = useState<TicketChannel>('phone');
  const [priority, setPriority] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const save = useMutation({
    mutationFn: () =>
      deskApi.logTicket({
        customerId: customerId ?? '',
        type,
        channel,
        subject,
        body,
        ...(priority ? { priority } : {}),
      }),
    onSuccess: (t) => {
      void client.invalidateQueries({ queryKey: DESK_KEY });
      onDone();
      void navigate(`/desk/tickets/${t.id}`);
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <CustomerSelect value={customerId} onChange={setCustomerId} error={errors.customerId} />
        <Select
          label={dt('field.type')}
          value={type}
          onChange={(v) => v && setType(v)}
          data={TICKET_TYPES.filter((t) => t !== 'hardship').map((t) => ({
            value: t,
            label: dt(`type.${t}`),
          }))}
          error={errors.type}
        />
        <Select
          label={dt('field.channel')}
          value={channel}
          onChange={(v) => v && setChannel(v)}
          data={TICKET_CHANNELS.filter((c) => c !== 'portal').map((c) => ({
            value: c,
            label: dt(`channel.${c}`),
          }))}
          error={errors.channel}
        />
        <Select
          clearable
          label={dt('field.priority')}
          placeholder={dt('log.priorityByRules')}
          value={priority}
          onChange={setPriority}
          data={PRIORITIES.map((p) => ({ value: p, label: dt(`priority.${p}`) }))}
          error={errors.priority}
        />
        <TextInput
          label={dt('field.subject')}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          error={errors.subject}
          required
        />
        <Textarea
          label={dt('field.body')}
          minRows={4}
          autosize
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
          required
        />
        {save.isError && !Object.keys(errors).length && <Alert color="red">{message(save.error)}</Alert>}
        <Button type="submit" loading={save.isPending}>
          {dt('log.save')}
        </Button>
      </Stack>
    </form>
  );
}
