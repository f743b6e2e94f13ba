// Pieces the compliance pages share: badges in the user's language, the deadline clock of a
// dispute; the titled panel, empty state and request-error message are the app's common ones.
import { Badge } from '@mantine/core';
import { useComplianceT } from './i18n.ts';

export { Empty, ErrorAlert, fieldErrors, Panel } from '../surveys/components.tsx';

const COLOR: Record<string, string> = {
  validated: 'blue',
  invalid: 'red',
  released: 'green',
  open: 'orange',
  resolved: 'green',
};

export function StatusBadge({ status }: { status: string }) {
  const { ct } = useComplianceT();
  return (
    <Badge color={COLOR[status] ?? 'gray'} variant="light" data-testid="status-badge">
      {ct(`status.${status}`)}
    </Badge>
  );
}

export function ClockBadge({ d }: { d: { status: string; overdue: boolean; atRisk: boolean; daysLeft: number } }) {
  const { ct } = useComplianceT();
  if (d.status !== 'open') return null;
  const color = d.overdue ? 'red' : d.atRisk ? 'orange' : 'gray';
  return (
    <Badge color={color} variant={d.overdue || d.atRisk ? 'filled' : 'light'} data-testid="dispute-clock">
      {d.overdue ? ct('disputes.overdue', { days: -d.daysLeft }) : ct('disputes.daysLeft', { days: d.daysLeft })}
    </Badge>
  );
}
