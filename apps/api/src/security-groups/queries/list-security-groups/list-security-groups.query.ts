import { Query } from '@nestjs/cqrs';
import type { Page, PageRequest } from '@sg/application';
import type { Principal } from '../../../platform/auth/principal';
import type { GroupReading } from '../get-security-group/get-security-group.query';

export interface SecurityGroupListFilter {
  vpcId?: string;
  /** `key=value`, or a bare `key` for any value. */
  tag?: { key: string; value?: string };
}

export class ListSecurityGroupsQuery extends Query<Page<GroupReading>> {
  constructor(
    readonly principal: Principal,
    readonly filter: SecurityGroupListFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
