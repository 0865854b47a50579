import { Query } from '@nestjs/cqrs';
import type { FindingFilter, FindingRecord } from '../../../ports/read-models/findings.read-model';
import type { Page, PageRequest } from '../../../ports/read-models/page';
import type { Caller } from '../../../write-path/actor';

export class ListFindingsQuery extends Query<Page<FindingRecord>> {
  constructor(
    readonly caller: Caller,
    readonly filter: Omit<FindingFilter, 'tenant'>,
    readonly page: PageRequest,
  ) {
    super();
  }
}
