import { Query } from '@nestjs/cqrs';
import type { OperationStatus } from '@sg/domain';
import type { GroupRecord } from '@sg/application';
import type { Principal } from '../../../platform/auth/principal';

/** A group as read, with the status of its latest operation (its `propagation`). */
export interface GroupReading {
  group: GroupRecord;
  latestOperation?: OperationStatus;
}

export class GetSecurityGroupQuery extends Query<GroupReading> {
  constructor(
    readonly principal: Principal,
    readonly groupId: string,
  ) {
    super();
  }
}
