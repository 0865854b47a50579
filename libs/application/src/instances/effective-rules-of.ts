import { EffectiveRule, effectiveRules } from '@sg/domain';
import type { InstanceReadModel } from '../ports/read-models/instances.read-model';
import type { SecurityGroupReadModel } from '../ports/read-models/security-groups.read-model';
import type { Caller } from '../write-path/actor';
import { findVisibleInstance } from './instance-lookup';

/** The rules enforced on an instance, from the read models of its VPC: what the agent is asked to apply. */
export async function effectiveRulesOf(groups: SecurityGroupReadModel, instances: InstanceReadModel, instanceId: string, caller: Caller): Promise<EffectiveRule[]> {
  const instance = await findVisibleInstance(instances, instanceId, caller);
  const [vpcGroups, vpcInstances] = await Promise.all([groups.ofVpc(instance.vpcId), instances.ofVpc(instance.vpcId)]);
  return effectiveRules(instance, vpcGroups, vpcInstances);
}
