import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InstanceReadModel } from '../../../ports/read-models/instances.read-model';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import { InstanceDetails, withSecurityGroups } from '../../instance-groups';
import { findVisibleInstance } from '../../instance-lookup';
import { GetInstanceQuery } from './get-instance.query';

@QueryHandler(GetInstanceQuery)
export class GetInstanceHandler implements IQueryHandler<GetInstanceQuery> {
  constructor(
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
    @Inject(InstanceReadModel) private readonly instances: InstanceReadModel,
  ) {}

  async execute({ caller, instanceId }: GetInstanceQuery): Promise<InstanceDetails> {
    const [details] = await withSecurityGroups(this.groups, [await findVisibleInstance(this.instances, instanceId, caller)]);
    return details;
  }
}
