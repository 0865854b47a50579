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

/** `rm_instances`: where each live instance runs and its addresses. */
export abstract class InstanceReadModel {
  abstract find(id: string, tenant: string | null, tx?: Transaction): Promise<InstanceRecord | null>;

  abstract findMany(ids: readonly string[], tenant: string | null): Promise<InstanceRecord[]>;

  abstract list(filter: InstanceFilter, page: PageRequest): Promise<Page<InstanceRecord>>;

  abstract ofVpc(vpcId: string, tx?: Transaction): Promise<InstanceRecord[]>;

  abstract onHypervisor(hypervisorId: string): Promise<InstanceRecord[]>;
}
