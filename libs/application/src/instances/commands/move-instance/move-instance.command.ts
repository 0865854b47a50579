import { type WriteContext, WriteCommand } from '../../../write-path/write-command';
import type { InstanceChanged } from '../../instance-changed';

/** The VM now runs on another hypervisor (a live migration, say). */
export class MoveInstanceCommand extends WriteCommand<InstanceChanged> {
  constructor(
    context: WriteContext<InstanceChanged>,
    readonly instanceId: string,
    readonly hypervisorId: string,
  ) {
    super(context);
  }
}
