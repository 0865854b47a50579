import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../../write-path/actor';
import type { InstanceDetails } from '../../instance-groups';

export class GetInstanceQuery extends Query<InstanceDetails> {
  constructor(
    readonly caller: Caller,
    readonly instanceId: string,
  ) {
    super();
  }
}
