import type { QueryBus } from '@nestjs/cqrs';
import { type Caller, FindRuleQuery, type RuleReading } from '@sg/application';
import { notFound } from '../platform/neutron-error';

/** A rule of a group this face shows, that the caller may see; anything else is a 404. */
export async function findNeutronRule(queryBus: QueryBus, caller: Caller, id: string): Promise<RuleReading> {
  const found: RuleReading | null = await queryBus.execute(new FindRuleQuery(caller, id));
  if (!found || found.group.conventions !== 'neutron') throw notFound(`Security group rule ${id} does not exist`, 'SecurityGroupRuleNotFound');
  return found;
}
