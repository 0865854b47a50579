import { Query } from '@nestjs/cqrs';
import type { ReadAllResult } from '@sg/application';
import type { Principal } from '../../../platform/auth/principal';

export class ReadFeedQuery extends Query<ReadAllResult> {
  constructor(
    readonly principal: Principal,
    /** Position of the last event the reader has, '0' for the start. */
    readonly after: string,
    readonly limit: number,
  ) {
    super();
  }
}
