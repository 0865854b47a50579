import type { QueryBus } from '@nestjs/cqrs';
import { type Caller, type GroupRecord, ListSecurityGroupsQuery } from '@sg/application';

/** Every group of the project VPCs the caller may see (a member: its project's; an admin: all). */
export async function listNeutronGroups(queryBus: QueryBus, caller: Caller): Promise<GroupRecord[]> {
  const groups: GroupRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { group: GroupRecord }[]; nextCursor: string | null } = await queryBus.execute(
      new ListSecurityGroupsQuery(caller, { conventions: 'neutron' }, { limit: 1000, cursor }),
    );
    groups.push(...page.items.map((i) => i.group));
    cursor = page.nextCursor;
  } while (cursor);
  return groups;
}
