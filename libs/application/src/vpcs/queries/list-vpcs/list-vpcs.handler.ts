import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Page } from '../../../ports/read-models/page';
import { VpcReadModel, type VpcRecord } from '../../../ports/read-models/vpcs.read-model';
import { tenantScope } from '../../../write-path/actor';
import { ListVpcsQuery } from './list-vpcs.query';

/** Queries read the inline read models, which every append keeps current in its own transaction. */
@QueryHandler(ListVpcsQuery)
export class ListVpcsHandler implements IQueryHandler<ListVpcsQuery> {
  constructor(@Inject(VpcReadModel) private readonly vpcs: VpcReadModel) {}

  execute({ caller, page }: ListVpcsQuery): Promise<Page<VpcRecord>> {
    return this.vpcs.list(tenantScope(caller), page);
  }
}
