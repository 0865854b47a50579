import { type WriteContext, WriteCommand } from '../../../write-path/write-command';
import type { InstanceDeleted } from '../../instance-changed';

/** The VM is gone. */
export class DeleteInstanceCommand extends WriteCommand<InstanceDeleted> {
  constructor(
    context: WriteContext<InstanceDeleted>,
    readonly instanceId: string,
  ) {
    super(context);
  }
}
