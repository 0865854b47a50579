import type { Client } from '../../support/api';
import { eventually, settled } from '../../support/system';

export interface LoadWorld {
  vpcId: string;
  groupIds: string[];
  instanceIds: string[];
}

/** An instance holds at most 5 groups (the default quota), one of them its VPC's default group. */
const GROUPS_PER_INSTANCE = 4;

/**
 * The scenarios' starting point: once `hypervisors` have registered, one VPC with enough
 * instances on each of them that every one of `groups` groups is applied on every hypervisor;
 * every setup operation succeeded.
 */
export async function groupsOnEveryHypervisor(http: Client, operator: Client, hypervisors: string[], groups: number): Promise<LoadWorld> {
  await eventually('every agent registered', async () => ((await operator.get('/v1/hypervisors')).body.length === hypervisors.length ? true : undefined), 60_000, 200);
  const vpcId = (await http.post('/v1/vpcs', { name: 'reliability', cidr: '10.0.0.0/16' })).body.id;
  const perHypervisor = Math.ceil(groups / GROUPS_PER_INSTANCE);
  const operations: string[] = [];
  const instances: string[][] = [];
  for (const [h, hypervisorId] of hypervisors.entries()) {
    instances.push([]);
    for (let i = 0; i < perHypervisor; i++) {
      const res = await http.post('/v1/instances', { name: `gpu-${h}-${i}`, vpcId, hypervisorId, ipv4: `10.0.${h + 1}.${i + 10}` });
      if (res.status !== 201) throw new Error(`instance: ${res.status} ${res.text}`);
      instances[h].push(res.body.id);
      operations.push(res.body.operation.id);
    }
  }
  const groupIds: string[] = [];
  for (let g = 0; g < groups; g++) {
    const slot = Math.floor(g / GROUPS_PER_INSTANCE);
    const res = await http.post('/v1/security-groups', { vpcId, name: `load-${g}`, applyTo: { instanceIds: instances.map((list) => list[slot]) } });
    if (res.status !== 201) throw new Error(`group: ${res.status} ${res.text}`);
    groupIds.push(res.body.id);
    operations.push(res.body.operation.id);
  }
  for (const id of operations) {
    const op = await settled(http, id, 60_000, 200);
    if (op.status !== 'succeeded') throw new Error(`setup operation ${op.id} ended ${op.status}: ${op.message}`);
  }
  return { vpcId, groupIds, instanceIds: instances.flat() };
}
