import { Query } from '@nestjs/cqrs';
import type { OperationStatus } from '@sg/domain';
import type { GroupRecord } from '../../../ports/read-models/security-groups.read-model';
import type { Caller } from '../../../write-path/actor';

/** A group as read, with the status of its latest operation (its `propagation`). */
export interface GroupReading {
  group: GroupRecord;
  latestOperation?: OperationStatus;
}

export class GetSecurityGroupQuery extends Query<GroupReading> {
  constructor(
    readonly caller: Caller,
    readonly groupId: string,
  ) {
    super();
  }
}
