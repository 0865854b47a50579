import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../../write-path/actor';
import type { GroupAsOf } from '../get-group-history/get-group-history.query';

/** Every group of the caller's tenant (an operator: every tenant's) as it stood at `at`, by id. */
export class ListGroupsAtQuery extends Query<GroupAsOf[]> {
  constructor(
    readonly caller: Caller,
    readonly at: Date,
    readonly vpcId?: string,
  ) {
    super();
  }
}
