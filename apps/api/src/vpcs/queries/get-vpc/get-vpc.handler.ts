import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import { findVpc } from '@sg/infra';
import { VpcRecord } from '@sg/application';
import { DataSource } from 'typeorm';
import { tenantScope } from '../../../platform/auth/principal';
import { GetVpcQuery } from './get-vpc.query';

@QueryHandler(GetVpcQuery)
export class GetVpcHandler implements IQueryHandler<GetVpcQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ principal, vpcId }: GetVpcQuery): Promise<VpcRecord> {
    const vpc = await findVpc(this.db.manager, vpcId, tenantScope(principal));
    if (!vpc) throw new DomainError('not-found', `no VPC ${vpcId}`);
    return vpc;
  }
}
