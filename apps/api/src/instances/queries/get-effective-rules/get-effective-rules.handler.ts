import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { EffectiveRule } from '@sg/domain';
import { DataSource } from 'typeorm';
import { effectiveRulesOf } from '../../effective-rules-of';
import { GetEffectiveRulesQuery } from './get-effective-rules.query';

@QueryHandler(GetEffectiveRulesQuery)
export class GetEffectiveRulesHandler implements IQueryHandler<GetEffectiveRulesQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  execute({ principal, instanceId }: GetEffectiveRulesQuery): Promise<EffectiveRule[]> {
    return effectiveRulesOf(this.db.manager, instanceId, principal);
  }
}
