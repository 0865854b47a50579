import { Query } from '@nestjs/cqrs';
import type { Page, PageRequest } from '../../../ports/read-models/page';
import type { Caller } from '../../../write-path/actor';
import type { GroupReading } from '../get-security-group/get-security-group.query';

export interface SecurityGroupListFilter {
  vpcId?: string;
  /** `key=value`, or a bare `key` for any value. */
  tag?: { key: string; value?: string };
  conventions?: 'product' | 'neutron';
}

export class ListSecurityGroupsQuery extends Query<Page<GroupReading>> {
  constructor(
    readonly caller: Caller,
    readonly filter: SecurityGroupListFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
