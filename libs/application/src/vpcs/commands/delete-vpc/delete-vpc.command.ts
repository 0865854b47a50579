import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

export interface VpcDeleted {
  vpcId: string;
}

/** Deletes a VPC and its default group; refused while it holds instances or other groups. */
export class DeleteVpcCommand extends WriteCommand<VpcDeleted> {
  constructor(
    context: WriteContext<VpcDeleted>,
    readonly vpcId: string,
  ) {
    super(context);
  }
}
