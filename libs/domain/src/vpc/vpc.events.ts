export const VpcEventTypes = {
  Created: 'vpc.created',
  Deleted: 'vpc.deleted',
} as const;

export interface VpcCreated {
  type: typeof VpcEventTypes.Created;
  data: {
    vpcId: string;
    tenant: string;
    name: string;
    cidr: string | null;
    defaultSecurityGroupId: string;
    /** 'neutron': the project's VPC, which holds the groups made through the Neutron face (one per tenant). */
    conventions?: 'neutron';
    at: string;
  };
}

export interface VpcDeleted {
  type: typeof VpcEventTypes.Deleted;
  data: { vpcId: string; at: string };
}

export type VpcEvent = VpcCreated | VpcDeleted;
