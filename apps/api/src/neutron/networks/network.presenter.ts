import type { VpcRecord } from '@sg/application';
import { neutronTime } from '../security-groups/security-group.presenter';

/** A VPC as Neutron shows a network: always up, no subnets (addresses are the product's concern). */
export function presentNetwork(v: VpcRecord) {
  return {
    id: v.id,
    name: v.name,
    description: '',
    project_id: v.tenant,
    tenant_id: v.tenant,
    status: 'ACTIVE',
    subnets: [] as string[],
    admin_state_up: true,
    shared: false,
    'router:external': false,
    mtu: 1500,
    tags: [] as string[],
    created_at: neutronTime(v.createdAt),
    updated_at: neutronTime(v.updatedAt),
    revision_number: v.version,
  };
}
