import { assertNever } from '../shared/assert-never';
import { DomainError } from '../shared/domain-error';
import { VpcEvent, VpcEventTypes as T } from './vpc.events';
import { VpcState } from './vpc.state';

export interface CreateVpc {
  type: 'CreateVpc';
  vpcId: string;
  tenant: string;
  name: string;
  /** Canonical CIDR, or null for a VPC without a declared range. */
  cidr: string | null;
  defaultSecurityGroupId: string;
  conventions?: 'neutron';
}

export interface DeleteVpc {
  type: 'DeleteVpc';
  instanceCount: number;
  nonDefaultGroupCount: number;
}

export type VpcCommand = CreateVpc | DeleteVpc;

/** The default group is a stream of its own, created in the same transaction by the handler. */
export function decideVpc(command: VpcCommand, state: VpcState, now: string): VpcEvent[] {
  switch (command.type) {
    case 'CreateVpc': {
      if (state.status !== 'absent') throw new DomainError('conflict', `VPC ${command.vpcId} already exists`);
      const { vpcId, tenant, name, cidr, defaultSecurityGroupId, conventions } = command;
      return [{ type: T.Created, data: { vpcId, tenant, name, cidr, defaultSecurityGroupId, ...(conventions && { conventions }), at: now } }];
    }
    case 'DeleteVpc': {
      if (state.status !== 'active') throw new DomainError('not-found', 'VPC not found');
      const blockers: string[] = [];
      if (command.instanceCount > 0) blockers.push(plural(command.instanceCount, 'instance'));
      if (command.nonDefaultGroupCount > 0) blockers.push(plural(command.nonDefaultGroupCount, 'security group'));
      if (blockers.length > 0) {
        throw new DomainError('conflict', `VPC ${state.vpc.name} still has ${blockers.join(' and ')}; delete them first`);
      }
      return [{ type: T.Deleted, data: { vpcId: state.vpc.id, at: now } }];
    }
    default:
      return assertNever(command);
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
