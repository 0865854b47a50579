import { assertNever } from '../shared/assert-never';
import { VpcEvent, VpcEventTypes as T } from './vpc.events';

export interface Vpc {
  id: string;
  tenant: string;
  name: string;
  cidr: string | null;
  defaultSecurityGroupId: string;
  createdAt: string;
}

export type VpcState = { status: 'absent' } | { status: 'active'; vpc: Vpc } | { status: 'deleted'; vpc: Vpc };

export const initialVpcState = (): VpcState => ({ status: 'absent' });

export function evolveVpc(state: VpcState, event: VpcEvent): VpcState {
  switch (event.type) {
    case T.Created: {
      const d = event.data;
      return { status: 'active', vpc: { id: d.vpcId, tenant: d.tenant, name: d.name, cidr: d.cidr, defaultSecurityGroupId: d.defaultSecurityGroupId, createdAt: d.at } };
    }
    case T.Deleted:
      return state.status === 'active' ? { status: 'deleted', vpc: state.vpc } : state;
    default:
      return assertNever(event);
  }
}

export function rebuildVpc(events: readonly VpcEvent[]): VpcState {
  return events.reduce(evolveVpc, initialVpcState());
}
