import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuditLog } from '../../../ports/audit-log.port';
import type { ReadAllResult } from '../../../ports/event-store.port';
import { tenantScope } from '../../../write-path/actor';
import { SearchAuditEventsQuery } from './search-audit-events.query';

/**
 * Who changed what, over the caller's history: a member searches its own tenant's events only,
 * an operator every tenant's. Commit order and the feed's cursor, as GET /v1/events.
 */
@QueryHandler(SearchAuditEventsQuery)
export class SearchAuditEventsHandler implements IQueryHandler<SearchAuditEventsQuery> {
  constructor(@Inject(AuditLog) private readonly auditLog: AuditLog) {}

  execute({ caller, filter, after, limit }: SearchAuditEventsQuery): Promise<ReadAllResult> {
    return this.auditLog.search(filter, { after, limit, tenant: tenantScope(caller) ?? undefined });
  }
}
