import { type WriteContext, WriteCommand } from '../../../write-path/write-command';
import type { HypervisorStatus } from '../../hypervisor-status';

export interface HypervisorRegistered {
  hypervisor: HypervisorStatus;
  /** New, rather than already registered (with this URL or another). */
  created: boolean;
}

/** Registers a hypervisor's agent, or points to its new URL; the same URL again changes nothing. */
export class RegisterHypervisorCommand extends WriteCommand<HypervisorRegistered> {
  constructor(
    context: WriteContext<HypervisorRegistered>,
    readonly hypervisorId: string,
    readonly agentUrl: string,
  ) {
    super(context);
  }
}
