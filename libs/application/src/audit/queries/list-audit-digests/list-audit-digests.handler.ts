import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ValidationFailed } from '@sg/domain';
import { AuditDigests, type ListedDigest } from '../../../ports/audit-digests.port';
import { tenantScope } from '../../../write-path/actor';
import { ListAuditDigestsQuery } from './list-audit-digests.query';

/**
 * The signed digests of one scope: an operator reads any (`all`, the default, covers every event;
 * a tenant's covers that tenant's events); a member reads its own tenant's only, which cover
 * exactly what its export holds, so a member verifies its own archive without seeing other
 * tenants' resources.
 */
@QueryHandler(ListAuditDigestsQuery)
export class ListAuditDigestsHandler implements IQueryHandler<ListAuditDigestsQuery> {
  constructor(@Inject(AuditDigests) private readonly digests: AuditDigests) {}

  execute({ caller, scope, after, limit }: ListAuditDigestsQuery): Promise<ListedDigest[]> {
    const own = tenantScope(caller);
    if (own !== null && scope !== undefined && scope !== own) {
      throw new ValidationFailed([{ path: 'scope', message: `a member reads its own tenant's digests only (${own})` }]);
    }
    return this.digests.list(own ?? scope ?? 'all', after, limit);
  }
}
