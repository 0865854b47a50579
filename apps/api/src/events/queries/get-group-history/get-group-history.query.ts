import { Query } from '@nestjs/cqrs';
import type { OperationStatus } from '@sg/domain';
import type { GroupRecord } from '@sg/application';
import type { Principal } from '../../../platform/auth/principal';
import type { HistoryPoint } from './history-params';

/** A past state of a group, in the read model's shape so it presents like `GET /v1/security-groups/{id}`. */
export interface GroupAsOf {
  group: GroupRecord;
  /** Status, at that point, of the newest operation opened on the group by then. */
  latestOperation?: OperationStatus;
}

export class GetGroupHistoryQuery extends Query<GroupAsOf> {
  constructor(
    readonly principal: Principal,
    readonly groupId: string,
    readonly point: HistoryPoint,
  ) {
    super();
  }
}
