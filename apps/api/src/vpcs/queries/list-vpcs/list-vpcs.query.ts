import { Query } from '@nestjs/cqrs';
import type { Page, PageRequest, VpcRecord } from '@sg/application';
import type { Principal } from '../../../platform/auth/principal';

export class ListVpcsQuery extends Query<Page<VpcRecord>> {
  constructor(
    readonly principal: Principal,
    readonly page: PageRequest,
  ) {
    super();
  }
}
