import { Query } from '@nestjs/cqrs';
import type { Page, PageRequest } from '../../../ports/read-models/page';
import type { VpcRecord } from '../../../ports/read-models/vpcs.read-model';
import type { Caller } from '../../../write-path/actor';

export class ListVpcsQuery extends Query<Page<VpcRecord>> {
  constructor(
    readonly caller: Caller,
    readonly page: PageRequest,
  ) {
    super();
  }
}
