import { assertNever } from '../shared/assert-never';
import { InvalidValue, Issues } from '../shared/domain-error';
import { asObject } from '../shared/input';
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

/** The agent's base URL: http or https, no credentials, query or fragment. */
export function parseRegisterHypervisorInput(body: unknown): { agentUrl: string } {
  const issues = new Issues();
  const b = asObject(body, '', issues, ['agentUrl']);
  const agentUrl = b
    ? issues.capture('agentUrl', () => {
        if (typeof b.agentUrl !== 'string' || b.agentUrl.length > 2048) throw new InvalidValue('must be the agent\'s http(s) URL');
        let url: URL;
        try {
          url = new URL(b.agentUrl);
        } catch {
          throw new InvalidValue('must be an absolute http(s) URL, like http://10.0.0.7:7001');
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidValue('must use http or https');
        if (url.username || url.password || url.search || url.hash) throw new InvalidValue('must not carry credentials, a query or a fragment');
        return url.toString().replace(/\/$/, '');
      })
    : undefined;
  issues.throwIfAny();
  return { agentUrl: agentUrl! };
}
