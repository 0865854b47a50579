import { Query } from '@nestjs/cqrs';
import type { VpcRecord } from '@sg/application';
import type { Principal } from '../../../platform/auth/principal';

export class GetVpcQuery extends Query<VpcRecord> {
  constructor(
    readonly principal: Principal,
    readonly vpcId: string,
  ) {
    super();
  }
}
