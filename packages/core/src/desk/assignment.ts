// Who gets a new ticket. Candidates are filtered by availability, capacity and skill (the
// ticket's language, the loan's product, complaint handling), then the least-loaded wins and
// ties go round-robin (longest since last assignment). Strategies can switch either part off.
export type AssignmentStrategy = 'round_robin' | 'skills' | 'load' | 'skills_and_load';

export interface DeskAgentState {
  id: string;
  available: boolean;
  languages: readonly string[];
  products: readonly string[];
  complaintHandling: boolean;
  maxOpen: number;
  openCount: number;
  /** Epoch ms of the last assignment, null = never (first in the round). */
  lastAssignedMs: number | null;
}

export interface TicketNeeds {
  type: string;
  language: string;
  product?: string | null | undefined;
}

export interface AssignmentChoice {
  agentId: string | null;
  reason: string;
}

function skilled(a: DeskAgentState, t: TicketNeeds): boolean {
  if ((t.type === 'complaint' || t.type === 'dispute') && !a.complaintHandling) return false;
  if (a.languages.length > 0 && !a.languages.includes(t.language)) return false;
  if (t.product && a.products.length > 0 && !a.products.includes(t.product)) return false;
  return true;
}

const byRound = (a: DeskAgentState, b: DeskAgentState) =>
  (a.lastAssignedMs ?? -Infinity) - (b.lastAssignedMs ?? -Infinity) || a.id.localeCompare(b.id);

export function chooseAgent(
  agents: readonly DeskAgentState[],
  ticket: TicketNeeds,
  strategy: AssignmentStrategy = 'skills_and_load',
): AssignmentChoice {
  const open = agents.filter((a) => a.available && a.openCount < a.maxOpen);
  if (open.length === 0) return { agentId: null, reason: 'no agent available' };
  const useSkills = strategy === 'skills' || strategy === 'skills_and_load';
  const useLoad = strategy === 'load' || strategy === 'skills_and_load';
  let pool = open;
  let reason: string = strategy;
  if (useSkills) {
    const fit = open.filter((a) => skilled(a, ticket));
    if (fit.length > 0) pool = fit;
    else reason = `${strategy} (no skilled agent: anyone available)`;
  }
  const sorted = [...pool].sort((a, b) => (useLoad ? a.openCount - b.openCount : 0) || byRound(a, b));
  return { agentId: sorted[0]!.id, reason };
}
