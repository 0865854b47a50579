import { Query } from '@nestjs/cqrs';
import type { OperationStatus } from '@sg/domain';
import type { GroupRecord } from '../../../ports/read-models/security-groups.read-model';
import type { Caller } from '../../../write-path/actor';

/** Which past state of a group: after its event `version`, or as it stood at the instant `at`. */
export type HistoryPoint = { version: number } | { at: Date };

/** A past state of a group, in the read model's shape so it presents like `GET /v1/security-groups/{id}`. */
export interface GroupAsOf {
  group: GroupRecord;
  /** Status, at that point, of the newest operation opened on the group by then. */
  latestOperation?: OperationStatus;
}

export class GetGroupHistoryQuery extends Query<GroupAsOf> {
  constructor(
    readonly caller: Caller,
    readonly groupId: string,
    readonly point: HistoryPoint,
  ) {
    super();
  }
}
