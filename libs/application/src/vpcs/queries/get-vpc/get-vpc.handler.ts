import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import { VpcReadModel, type VpcRecord } from '../../../ports/read-models/vpcs.read-model';
import { tenantScope } from '../../../write-path/actor';
import { GetVpcQuery } from './get-vpc.query';

@QueryHandler(GetVpcQuery)
export class GetVpcHandler implements IQueryHandler<GetVpcQuery> {
  constructor(@Inject(VpcReadModel) private readonly vpcs: VpcReadModel) {}

  async execute({ caller, vpcId }: GetVpcQuery): Promise<VpcRecord> {
    const vpc = await this.vpcs.find(vpcId, tenantScope(caller));
    if (!vpc) throw new DomainError('not-found', `no VPC ${vpcId}`);
    return vpc;
  }
}
