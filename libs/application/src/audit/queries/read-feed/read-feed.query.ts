import { Query } from '@nestjs/cqrs';
import type { ReadAllResult } from '../../../ports/event-store.port';
import type { Caller } from '../../../write-path/actor';

export class ReadFeedQuery extends Query<ReadAllResult> {
  constructor(
    readonly caller: Caller,
    /** Position of the last event the reader has, '0' for the start. */
    readonly after: string,
    readonly limit: number,
  ) {
    super();
  }
}
