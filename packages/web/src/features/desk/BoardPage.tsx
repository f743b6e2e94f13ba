// The supervisor's board: every active ticket with its SLA heat (share of the target used),
// hottest first, the agents' load and availability, and "Run escalation now".
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  SimpleGrid,
  Table,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useProblemMessage } from '../../api/problems.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DESK_KEY, deskApi, SLA_STATES } from './api.ts';
import { Empty, formatMinutes, PriorityBadge, SLA_COLOURS, StatusBadge } from './components.tsx';
import { useDeskT } from './i18n.ts';

export default function BoardPage() {
  const { dt } = useDeskT();
  const message = useProblemMessage();
  const client = useQueryClient();
  const board = useQuery({
    queryKey: [...DESK_KEY, 'board'],
    queryFn: ({ signal }) => deskApi.board(signal),
    refetchInterval: 60_000,
  });
  const agents = useQuery({
    queryKey: [...DESK_KEY, 'agents'],
    queryFn: ({ signal }) => deskApi.agents(signal),
  });
  const escalate = useMutation({
    mutationFn: () => deskApi.escalate(),
    onSuccess: () => void client.invalidateQueries({ queryKey: DESK_KEY }),
  });
  const counts = new Map(
    SLA_STATES.map((s) => [s, board.data?.items.filter((i) => i.state === s).length ?? 0]),
  );
  return (
    <>
      <PageHeader
        title={dt('board.title')}
        description={dt('board.description')}
        actions={
          <Button onClick={() => escalate.mutate()} loading={escalate.isPending}>
            {dt('board.escalate')}
          </Button>
        }
      />
      {escalate.data && (
        <Alert color="blue" mb="md">
          {dt('board.escalated', escalate.data)}
        </Alert>
      )}
      {(board.isError || escalate.isError) && (
        <Alert color="red">{message(board.error ?? escalate.error)}</Alert>
      )}
      <Group mb="md">
        {(['overdue', 'at_risk', 'on_track'] as const).map((s) => (
          <Badge key={s} size="lg" color={SLA_COLOURS[s]}>
            {dt(`sla.${s}`)}: {counts.get(s)}
          </Badge>
        ))}
      </Group>
      {board.isPending && <Loader />}
      {board.data && board.data.items.length === 0 && <Empty>{dt('board.empty')}</Empty>}
      {board.data && board.data.items.length > 0 && (
        <Table striped data-testid="board">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{dt('field.reference')}</Table.Th>
              <Table.Th>{dt('field.subject')}</Table.Th>
              <Table.Th>{dt('field.priority')}</Table.Th>
              <Table.Th>{dt('field.status')}</Table.Th>
              <Table.Th>{dt('field.assignee')}</Table.Th>
              <Table.Th w={220}>{dt('board.heat')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.data.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/desk/tickets/${i.id}`}>
                    {i.reference}
                  </Anchor>
                  {i.escalationLevel > 0 && (
                    <Badge ml="xs" size="xs" color="red">
                      {dt('board.level', { level: i.escalationLevel })}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{i.subject}</Table.Td>
                <Table.Td>
                  <PriorityBadge priority={i.priority} />
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={i.status} />
                </Table.Td>
                <Table.Td>{i.assigneeName ?? dt('ticket.unassigned')}</Table.Td>
                <Table.Td>
                  <Progress value={Math.min(100, i.used * 100)} color={SLA_COLOURS[i.state]} />
                  <Text size="xs" c="dimmed">
                    {dt(`sla.clock.${i.clock}`)} · {dt(`sla.${i.state}`)}
                    {i.remainingMinutes !== null && ` · ${formatMinutes(i.remainingMinutes, dt)}`}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text fw={600} mt="xl" mb="sm">
        {dt('board.agents')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        {agents.data?.items.map((a) => (
          <Card key={a.userId} withBorder>
            <Group justify="space-between">
              <Text fw={600}>{a.displayName}</Text>
              <Badge color={a.available ? 'green' : 'gray'}>
                {a.available ? dt('board.onDuty') : dt('board.away')}
              </Badge>
            </Group>
            <Text size="sm">{dt('board.load', { open: a.openCount, max: a.maxOpen })}</Text>
            <Text size="xs" c="dimmed">
              {[a.team, a.languages.join('/'), a.complaintHandling ? dt('board.complaints') : null]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
