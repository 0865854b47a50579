import { Query } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../ports/event-store.port';
import type { Caller } from '../../../write-path/actor';

export interface FeedExport {
  /** Pages in commit order, read one at a time as the consumer asks for them. */
  pages: AsyncIterable<readonly StoredEvent[]>;
}

export class ExportFeedQuery extends Query<FeedExport> {
  constructor(
    readonly caller: Caller,
    readonly after: string,
  ) {
    super();
  }
}
