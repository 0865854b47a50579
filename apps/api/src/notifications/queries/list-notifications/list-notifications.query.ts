import { Query } from '@nestjs/cqrs';
import type { NotificationRecord } from '@sg/application';
import type { Principal } from '../../../platform/auth/principal';

export class ListNotificationsQuery extends Query<NotificationRecord[]> {
  constructor(
    readonly principal: Principal,
    /** Exclusive; '0' from the first. */
    readonly after: string,
    readonly limit: number,
  ) {
    super();
  }
}
