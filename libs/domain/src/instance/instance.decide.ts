import { Cidr, formatAddress } from '../net/cidr';
import { assertNever } from '../shared/assert-never';
import { DomainError, FieldIssue } from '../shared/domain-error';
import { InstanceEvent, InstanceEventTypes as T } from './instance.events';
import { InstanceState } from './instance.state';

export interface RegisterInstance {
  type: 'RegisterInstance';
  instanceId: string;
  tenant: string;
  name: string;
  hypervisorId: string;
  /** Canonical addresses, already parsed. */
  ipv4: string | null;
  ipv6: string | null;
  vpc: { id: string; cidr: string | null };
  /** Addresses already used by other instances of the VPC: two ports cannot share one. */
  addressesInUse: string[];
}

export interface MoveInstance {
  type: 'MoveInstance';
  hypervisorId: string;
}

export interface DeleteInstance {
  type: 'DeleteInstance';
}

export type InstanceCommand = RegisterInstance | MoveInstance | DeleteInstance;

export function decideInstance(command: InstanceCommand, state: InstanceState, now: string): InstanceEvent[] {
  switch (command.type) {
    case 'RegisterInstance': {
      if (state.status !== 'absent') throw new DomainError('conflict', `instance ${command.instanceId} already exists`);
      const c = command;
      const issues: FieldIssue[] = [];
      const range = c.vpc.cidr ? Cidr.parse(c.vpc.cidr).cidr : null;
      if (c.ipv4 && range?.version === 'IPv4') {
        if (!range.contains(c.ipv4)) issues.push({ path: 'ipv4', message: `${c.ipv4} is outside the VPC's range ${c.vpc.cidr}` });
        else if (range.prefixLength <= 30 && [range.address, formatAddress('IPv4', range.lastAddress)].includes(c.ipv4)) {
          // The first and last addresses of the subnet name the network and its broadcast: no port may hold them.
          const which = c.ipv4 === range.address ? 'network' : 'broadcast';
          issues.push({ path: 'ipv4', message: `${c.ipv4} is the ${which} address of the VPC's range ${c.vpc.cidr}, not an instance's` });
        }
      }
      if (issues.length > 0) throw new DomainError('validation-failed', 'the instance address does not fit its VPC', issues);
      const taken = [c.ipv4, c.ipv6].filter((a): a is string => a !== null && c.addressesInUse.includes(a));
      if (taken.length > 0) throw new DomainError('conflict', `address ${taken.join(', ')} is already used by another instance of the VPC`);
      return [{ type: T.Registered, data: { instanceId: c.instanceId, tenant: c.tenant, vpcId: c.vpc.id, hypervisorId: c.hypervisorId, name: c.name, ipv4: c.ipv4, ipv6: c.ipv6, at: now } }];
    }
    case 'MoveInstance': {
      const i = active(state);
      if (i.hypervisorId === command.hypervisorId) return [];
      return [{ type: T.Moved, data: { instanceId: i.id, fromHypervisorId: i.hypervisorId, toHypervisorId: command.hypervisorId, at: now } }];
    }
    case 'DeleteInstance': {
      const i = active(state);
      return [{ type: T.Deleted, data: { instanceId: i.id, hypervisorId: i.hypervisorId, at: now } }];
    }
    default:
      return assertNever(command);
  }
}

function active(state: InstanceState) {
  if (state.status !== 'active') throw new DomainError('not-found', 'instance not found');
  return state.instance;
}
