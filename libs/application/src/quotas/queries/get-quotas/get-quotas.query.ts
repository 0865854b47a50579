import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../../write-path/actor';
import type { QuotasChanged } from '../../commands/set-quotas/set-quotas.command';

/** A project's quotas and usage: a member reads its own, an operator any. */
export class GetQuotasQuery extends Query<QuotasChanged> {
  constructor(
    readonly caller: Caller,
    readonly tenant: string,
  ) {
    super();
  }
}
