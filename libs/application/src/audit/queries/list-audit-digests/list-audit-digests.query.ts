import { Query } from '@nestjs/cqrs';
import type { ListedDigest } from '../../../ports/audit-digests.port';
import type { Caller } from '../../../write-path/actor';

export class ListAuditDigestsQuery extends Query<ListedDigest[]> {
  constructor(
    readonly caller: Caller,
    /** `all` or a tenant; undefined: an operator's `all`, a member's own tenant. */
    readonly scope: string | undefined,
    /** The number of the last digest already read; 0 for the start. */
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}
