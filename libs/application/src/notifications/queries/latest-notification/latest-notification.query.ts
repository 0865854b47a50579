import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../../write-path/actor';

/** The id of the caller's newest notification ('0' when there is none): where a new stream starts. */
export class LatestNotificationQuery extends Query<string> {
  constructor(readonly caller: Caller) {
    super();
  }
}
