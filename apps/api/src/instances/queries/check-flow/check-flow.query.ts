import { Query } from '@nestjs/cqrs';
import type { FlowVerdict } from '@sg/domain';
import type { Principal } from '../../../platform/auth/principal';

export class CheckFlowQuery extends Query<FlowVerdict> {
  constructor(
    readonly principal: Principal,
    readonly instanceId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
