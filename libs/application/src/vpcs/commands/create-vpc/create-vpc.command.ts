import type { VpcRecord } from '../../../ports/read-models/vpcs.read-model';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

export interface VpcCreated {
  vpc: VpcRecord;
}

/** A VPC of the caller's tenant, and its default security group. */
export class CreateVpcCommand extends WriteCommand<VpcCreated> {
  constructor(
    context: WriteContext<VpcCreated>,
    readonly name: string,
    /** Canonical, or null for none. */
    readonly cidr: string | null,
  ) {
    super(context);
  }
}
