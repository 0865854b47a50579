import { Query } from '@nestjs/cqrs';
import type { HypervisorStatus } from '../../hypervisor-status';

export class GetHypervisorQuery extends Query<HypervisorStatus> {
  constructor(readonly hypervisorId: string) {
    super();
  }
}
