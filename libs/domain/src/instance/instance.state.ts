import { assertNever } from '../shared/assert-never';
import { InstanceEvent, InstanceEventTypes as T } from './instance.events';

/** A GPU VM as this service knows it: where it runs and which addresses its port has. */
export interface Instance {
  id: string;
  tenant: string;
  vpcId: string;
  hypervisorId: string;
  name: string;
  ipv4: string | null;
  ipv6: string | null;
  createdAt: string;
  updatedAt: string;
}

export type InstanceState = { status: 'absent' } | { status: 'active'; instance: Instance } | { status: 'deleted'; instance: Instance };

export const initialInstanceState = (): InstanceState => ({ status: 'absent' });

export function evolveInstance(state: InstanceState, event: InstanceEvent): InstanceState {
  switch (event.type) {
    case T.Registered: {
      const d = event.data;
      return {
        status: 'active',
        instance: { id: d.instanceId, tenant: d.tenant, vpcId: d.vpcId, hypervisorId: d.hypervisorId, name: d.name, ipv4: d.ipv4, ipv6: d.ipv6, createdAt: d.at, updatedAt: d.at },
      };
    }
    case T.Moved:
      return state.status === 'active' ? { status: 'active', instance: { ...state.instance, hypervisorId: event.data.toHypervisorId, updatedAt: event.data.at } } : state;
    case T.Deleted:
      return state.status === 'active' ? { status: 'deleted', instance: { ...state.instance, updatedAt: event.data.at } } : state;
    default:
      return assertNever(event);
  }
}

export function rebuildInstance(events: readonly InstanceEvent[]): InstanceState {
  return events.reduce(evolveInstance, initialInstanceState());
}
