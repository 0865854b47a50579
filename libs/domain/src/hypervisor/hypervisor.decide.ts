import { assertNever } from '../shared/assert-never';
import { HypervisorEvent, HypervisorEventTypes as T } from './hypervisor.events';

export interface Hypervisor {
  id: string;
  agentUrl: string;
  createdAt: string;
  updatedAt: string;
}

export type HypervisorState = { status: 'absent' } | { status: 'present'; hypervisor: Hypervisor };

export const initialHypervisorState = (): HypervisorState => ({ status: 'absent' });

export function evolveHypervisor(state: HypervisorState, event: HypervisorEvent): HypervisorState {
  switch (event.type) {
    case T.Registered:
      return { status: 'present', hypervisor: { id: event.data.hypervisorId, agentUrl: event.data.agentUrl, createdAt: event.data.at, updatedAt: event.data.at } };
    case T.AgentUrlChanged:
      return state.status === 'present' ? { status: 'present', hypervisor: { ...state.hypervisor, agentUrl: event.data.agentUrl, updatedAt: event.data.at } } : state;
    default:
      return assertNever(event);
  }
}

/** `PUT /v1/hypervisors/{id}` registers or updates: the same URL again changes nothing. */
export function decideRegisterHypervisor(state: HypervisorState, hypervisorId: string, agentUrl: string, now: string): HypervisorEvent[] {
  if (state.status === 'absent') return [{ type: T.Registered, data: { hypervisorId, agentUrl, at: now } }];
  if (state.hypervisor.agentUrl === agentUrl) return [];
  return [{ type: T.AgentUrlChanged, data: { hypervisorId, agentUrl, at: now } }];
}
