import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { EffectiveRule } from '@sg/domain';
import { InstanceReadModel } from '../../../ports/read-models/instances.read-model';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import { effectiveRulesOf } from '../../effective-rules-of';
import { GetEffectiveRulesQuery } from './get-effective-rules.query';

@QueryHandler(GetEffectiveRulesQuery)
export class GetEffectiveRulesHandler implements IQueryHandler<GetEffectiveRulesQuery> {
  constructor(
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
    @Inject(InstanceReadModel) private readonly instances: InstanceReadModel,
  ) {}

  execute({ caller, instanceId }: GetEffectiveRulesQuery): Promise<EffectiveRule[]> {
    return effectiveRulesOf(this.groups, this.instances, instanceId, caller);
  }
}
