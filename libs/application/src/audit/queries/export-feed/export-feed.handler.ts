import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, ReadAllResult, StoredEvent } from '../../../ports/event-store.port';
import { tenantScope } from '../../../write-path/actor';
import { ExportFeedQuery, FeedExport } from './export-feed.query';

export const EXPORT_PAGE = 1000;

/**
 * The feed from `after` to where it stood when the export was asked for, in pages of 1000 read
 * only when the previous one has been sent. The first page is read here, before the answer
 * starts, so an `after` that names no event is still a 400 and not a broken stream.
 */
@QueryHandler(ExportFeedQuery)
export class ExportFeedHandler implements IQueryHandler<ExportFeedQuery> {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async execute({ caller, after }: ExportFeedQuery): Promise<FeedExport> {
    const tenant = tenantScope(caller) ?? undefined;
    const horizon = BigInt(await this.store.feedHorizon());
    const first = await this.store.readAll({ after, tenant, limit: EXPORT_PAGE });
    return { pages: this.pages(first, tenant, horizon) };
  }

  private async *pages(first: ReadAllResult, tenant: string | undefined, horizon: bigint): AsyncGenerator<readonly StoredEvent[]> {
    for (let page = first; ; page = await this.store.readAll({ after: page.checkpoint, tenant, limit: EXPORT_PAGE })) {
      // The feed is ordered by transaction first, so everything past the horizon comes after it: cutting
      // there keeps the export a prefix of the feed, and the last line's position a safe `after` to resume from.
      const cut = page.events.findIndex((e) => BigInt(e.transactionId) >= horizon);
      const events = cut === -1 ? page.events : page.events.slice(0, cut);
      if (events.length > 0) yield events;
      if (cut !== -1 || page.events.length < EXPORT_PAGE) return;
    }
  }
}
