import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FindingReadModel, type FindingRecord } from '../../../ports/read-models/findings.read-model';
import type { Page } from '../../../ports/read-models/page';
import { tenantScope } from '../../../write-path/actor';
import { ListFindingsQuery } from './list-findings.query';

/** The caller's tenant's findings, newest first; an operator's cover every tenant. Filters combine (AND). */
@QueryHandler(ListFindingsQuery)
export class ListFindingsHandler implements IQueryHandler<ListFindingsQuery> {
  constructor(@Inject(FindingReadModel) private readonly findings: FindingReadModel) {}

  execute({ caller, filter, page }: ListFindingsQuery): Promise<Page<FindingRecord>> {
    return this.findings.list({ ...filter, tenant: tenantScope(caller) }, page);
  }
}
