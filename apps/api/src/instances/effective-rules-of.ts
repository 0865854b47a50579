import { EffectiveRule, effectiveRules } from '@sg/domain';
import { groupsOfVpc, instancesOfVpc } from '@sg/infra';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import { findVisibleInstance } from './instance-lookup';

/** The rules enforced on an instance, from the read models of its VPC: what the agent is asked to apply. */
export async function effectiveRulesOf(m: EntityManager, instanceId: string, principal: Principal): Promise<EffectiveRule[]> {
  const instance = await findVisibleInstance(m, instanceId, principal);
  const [groups, instances] = await Promise.all([groupsOfVpc(m, instance.vpcId), instancesOfVpc(m, instance.vpcId)]);
  return effectiveRules(instance, groups, instances);
}
