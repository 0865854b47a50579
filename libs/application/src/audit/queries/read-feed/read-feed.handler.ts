import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, ReadAllResult } from '../../../ports/event-store.port';
import { tenantScope } from '../../../write-path/actor';
import { ReadFeedQuery } from './read-feed.query';

/**
 * The event store's commit-order feed, which holds back events behind a transaction still
 * running, so following `after` never skips one. A member reads its tenant's events only.
 */
@QueryHandler(ReadFeedQuery)
export class ReadFeedHandler implements IQueryHandler<ReadFeedQuery> {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  execute({ caller, after, limit }: ReadFeedQuery): Promise<ReadAllResult> {
    return this.store.readAll({ after, limit, tenant: tenantScope(caller) ?? undefined });
  }
}
