import type { VpcRecord } from '../../../ports/read-models/vpcs.read-model';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

export interface ProjectVpc {
  vpc: VpcRecord;
}

/**
 * The project's VPC, created on the project's first use: a project (an OpenStack tenant) owns
 * security groups, the product's groups live in VPCs, so each tenant has one VPC following
 * Neutron's conventions for the groups made through the Neutron face. An operator may name
 * another tenant; a member only its own.
 */
export class EnsureProjectVpcCommand extends WriteCommand<ProjectVpc> {
  constructor(
    context: WriteContext<ProjectVpc>,
    readonly tenant: string,
  ) {
    super(context);
  }
}
