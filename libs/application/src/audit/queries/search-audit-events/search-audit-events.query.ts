import { Query } from '@nestjs/cqrs';
import type { AuditEventFilter } from '../../../ports/audit-log.port';
import type { ReadAllResult } from '../../../ports/event-store.port';
import type { Caller } from '../../../write-path/actor';

export class SearchAuditEventsQuery extends Query<ReadAllResult> {
  constructor(
    readonly caller: Caller,
    readonly filter: AuditEventFilter,
    /** Position of the last event the reader has, '0' for the start. */
    readonly after: string,
    readonly limit: number,
  ) {
    super();
  }
}
