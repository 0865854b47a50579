import type { InstanceView } from '@sg/domain';
import type { Transaction } from '../event-store.port';
import type { Page, PageRequest } from './page';

export interface InstanceRecord extends InstanceView {
  tenant: string;
  name: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface InstanceFilter {
  tenant: string | null;
  vpcId?: string;
  hypervisorId?: string;
}

export interface StateEntriesOptions {
  tx?: Transaction;
  lock?: boolean;
  hypervisors?: readonly string[];
}

/** `rm_instances`: where each live instance runs and its addresses. */
export abstract class InstanceReadModel {
  abstract find(id: string, tenant: string | null, tx?: Transaction): Promise<InstanceRecord | null>;

  abstract findMany(ids: readonly string[], tenant: string | null): Promise<InstanceRecord[]>;

  abstract list(filter: InstanceFilter, page: PageRequest): Promise<Page<InstanceRecord>>;

  abstract ofVpc(vpcId: string, tx?: Transaction): Promise<InstanceRecord[]>;

  abstract onHypervisor(hypervisorId: string): Promise<InstanceRecord[]>;

  /**
   * The entries the tenant's ports put in each hypervisor's desired state, over all its VPCs, as
   * stateEntriesByHypervisor counts them (hypervisors with none may be absent); only on
   * `hypervisors` when given. With `lock`
   * (inside an append's transaction), counted after taking the tenant's state-budget lock, held
   * until the transaction ends: the count then includes every earlier holder's committed change,
   * so concurrent changes are checked one after the other. One round trip either way.
   */
  abstract stateEntriesOfTenant(tenant: string, options?: StateEntriesOptions): Promise<Map<string, number>>;
}
