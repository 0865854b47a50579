import { Query } from '@nestjs/cqrs';
import type { StoredEvent } from '@sg/application';
import type { Principal } from '../../../platform/auth/principal';

export interface FeedExport {
  /** Pages in commit order, read one at a time as the consumer asks for them. */
  pages: AsyncIterable<readonly StoredEvent[]>;
}

export class ExportFeedQuery extends Query<FeedExport> {
  constructor(
    readonly principal: Principal,
    readonly after: string,
  ) {
    super();
  }
}
