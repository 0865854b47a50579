import type { Transaction } from '../event-store.port';
import type { Page, PageRequest } from './page';

export interface VpcRecord {
  id: string;
  tenant: string;
  name: string;
  cidr: string | null;
  defaultSecurityGroupId: string;
  /** 'neutron': the tenant's project VPC, holding the groups made through the Neutron face. */
  conventions: 'product' | 'neutron';
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** `rm_vpcs`, and what a VPC holds. */
export abstract class VpcReadModel {
  abstract find(id: string, tenant: string | null, tx?: Transaction): Promise<VpcRecord | null>;

  abstract list(tenant: string | null, page: PageRequest): Promise<Page<VpcRecord>>;

  /** The tenant's project VPC (conventions 'neutron'), or null before its first use. */
  abstract projectVpc(tenant: string, tx?: Transaction): Promise<VpcRecord | null>;

  /** What stands in the way of deleting a VPC. */
  abstract contents(vpcId: string): Promise<{ instances: number; nonDefaultGroups: number }>;

  /**
   * Serialises, until the transaction ends, the checks of limits that span a VPC's groups (groups
   * per VPC, groups per instance). Taken after the change is written: a check that runs next,
   * under the lock, reads the VPC with every earlier holder's change committed.
   */
  abstract lockLimits(tx: Transaction, vpcId: string): Promise<void>;
}
