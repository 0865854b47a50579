import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { InstanceDetails, withSecurityGroups } from '../../instance-groups';
import { findVisibleInstance } from '../../instance-lookup';
import { GetInstanceQuery } from './get-instance.query';

@QueryHandler(GetInstanceQuery)
export class GetInstanceHandler implements IQueryHandler<GetInstanceQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ principal, instanceId }: GetInstanceQuery): Promise<InstanceDetails> {
    const [details] = await withSecurityGroups(this.db.manager, [await findVisibleInstance(this.db.manager, instanceId, principal)]);
    return details;
  }
}
