// Pieces the screening pages share: status badges in the user's language; the titled panel,
// empty state and request-error message are the app's common ones (from the surveys feature).
import { Badge } from '@mantine/core';
import { useScreeningT } from './i18n.ts';

export { Empty, ErrorAlert, fieldErrors, Panel } from '../surveys/components.tsx';

const COLOR: Record<string, string> = {
  pending: 'orange',
  awaiting_approval: 'yellow',
  confirmed: 'red',
  false_positive: 'gray',
  pass: 'green',
  review: 'yellow',
  fail: 'red',
  active: 'green',
  superseded: 'gray',
  rejected: 'red',
  open: 'orange',
  investigating: 'yellow',
  filed: 'green',
  closed_no_filing: 'gray',
  running: 'blue',
  done: 'green',
};

export function StatusBadge({ status }: { status: string }) {
  const { kt } = useScreeningT();
  return (
    <Badge color={COLOR[status] ?? 'gray'} variant="light">
      {kt(`status.${status}`)}
    </Badge>
  );
}
