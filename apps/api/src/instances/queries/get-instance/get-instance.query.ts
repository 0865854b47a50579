import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../platform/auth/principal';
import type { InstanceDetails } from '../../instance-groups';

export class GetInstanceQuery extends Query<InstanceDetails> {
  constructor(
    readonly principal: Principal,
    readonly instanceId: string,
  ) {
    super();
  }
}
