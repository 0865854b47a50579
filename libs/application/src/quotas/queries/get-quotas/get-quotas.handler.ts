import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import { canSee } from '../../../write-path/actor';
import type { QuotasChanged } from '../../commands/set-quotas/set-quotas.command';
import { ProjectQuotas } from '../../project-quotas';
import { GetQuotasQuery } from './get-quotas.query';

@QueryHandler(GetQuotasQuery)
export class GetQuotasHandler implements IQueryHandler<GetQuotasQuery> {
  constructor(@Inject(ProjectQuotas) private readonly quotas: ProjectQuotas) {}

  async execute({ caller, tenant }: GetQuotasQuery): Promise<QuotasChanged> {
    if (!canSee(caller, tenant)) throw new DomainError('not-found', `no project ${tenant}`);
    return { tenant, ...(await this.quotas.of(tenant)) };
  }
}
