import { Query } from '@nestjs/cqrs';
import type { VpcRecord } from '../../../ports/read-models/vpcs.read-model';
import type { Caller } from '../../../write-path/actor';

export class GetVpcQuery extends Query<VpcRecord> {
  constructor(
    readonly caller: Caller,
    readonly vpcId: string,
  ) {
    super();
  }
}
