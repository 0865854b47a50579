import { type WriteContext, WriteCommand } from '../../../write-path/write-command';
import type { InstanceChanged } from '../../instance-changed';

export interface NewInstance {
  name: string;
  vpcId: string;
  hypervisorId: string;
  /** Canonical addresses. */
  ipv4: string | null;
  ipv6: string | null;
}

/** The compute service reports a new VM. */
export class RegisterInstanceCommand extends WriteCommand<InstanceChanged> {
  constructor(
    context: WriteContext<InstanceChanged>,
    readonly instance: NewInstance,
  ) {
    super(context);
  }
}
