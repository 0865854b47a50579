import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { checkFlow, FlowVerdict } from '@sg/domain';
import { InstanceReadModel } from '../../../ports/read-models/instances.read-model';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import { effectiveRulesOf } from '../../effective-rules-of';
import { CheckFlowQuery } from './check-flow.query';

/** It reads the rules the agent is asked to enforce and writes nothing. */
@QueryHandler(CheckFlowQuery)
export class CheckFlowHandler implements IQueryHandler<CheckFlowQuery> {
  constructor(
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
    @Inject(InstanceReadModel) private readonly instances: InstanceReadModel,
  ) {}

  async execute({ caller, instanceId, flow }: CheckFlowQuery): Promise<FlowVerdict> {
    return checkFlow(await effectiveRulesOf(this.groups, this.instances, instanceId, caller), flow);
  }
}
