import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { listVpcs } from '@sg/infra';
import { Page, VpcRecord } from '@sg/application';
import { DataSource } from 'typeorm';
import { tenantScope } from '../../../platform/auth/principal';
import { withCursor } from '../../../platform/http/send';
import { ListVpcsQuery } from './list-vpcs.query';

/** Queries read the inline read models, which every append keeps current in its own transaction. */
@QueryHandler(ListVpcsQuery)
export class ListVpcsHandler implements IQueryHandler<ListVpcsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  execute({ principal, page }: ListVpcsQuery): Promise<Page<VpcRecord>> {
    return withCursor(() => listVpcs(this.db.manager, tenantScope(principal), page));
  }
}
