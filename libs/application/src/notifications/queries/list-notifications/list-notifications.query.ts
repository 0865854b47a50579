import { Query } from '@nestjs/cqrs';
import type { NotificationKind, NotificationRecord } from '../../../ports/read-models/notifications.read-model';
import type { Caller } from '../../../write-path/actor';

export class ListNotificationsQuery extends Query<NotificationRecord[]> {
  constructor(
    readonly caller: Caller,
    /** Exclusive; '0' from the first. */
    readonly after: string,
    readonly limit: number,
    /** Which kinds: the /v1 face asks for operations only unless the client names more. */
    readonly kinds: readonly NotificationKind[],
  ) {
    super();
  }
}
