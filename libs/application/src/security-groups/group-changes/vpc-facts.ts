import { Inject, Injectable } from '@nestjs/common';
import { attachmentsOf, type InstanceFacts } from '@sg/domain';
import type { Transaction } from '../../ports/event-store.port';
import { InstanceReadModel, type InstanceRecord } from '../../ports/read-models/instances.read-model';
import { type GroupRecord, SecurityGroupReadModel } from '../../ports/read-models/security-groups.read-model';
import { type Caller, tenantScope } from '../../write-path/actor';

/** A VPC's groups and instances, as the read models have them. */
export interface VpcSnapshot {
  /** Names and attachments; of the rules, only those naming a remote group (SecurityGroupReadModel.ofVpcForChanges). */
  groups: GroupRecord[];
  instances: InstanceRecord[];
}

/** What a group command may consult beside the group's own events: its VPC as the read models see it. */
export interface VpcFacts extends VpcSnapshot {
  /** Names of the VPC's other groups (unique per VPC). */
  otherNames: string[];
  /** Ids a rule may name as its remote group: the VPC's groups, this one included. */
  groupIds: string[];
  /** Facts about instances a command names (tenant-scoped: another tenant's are absent, so 404). */
  instanceFacts(ids: readonly string[]): Promise<Record<string, InstanceFacts>>;
}

/** Reads a VPC's snapshot, and gives each request the facts it may see of it. */
@Injectable()
export class VpcFactsReader {
  constructor(
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
    @Inject(InstanceReadModel) private readonly instances: InstanceReadModel,
  ) {}

  /** In `tx` when given: inside an append, the snapshot includes what it wrote. */
  async snapshot(vpcId: string, tx?: Transaction): Promise<VpcSnapshot> {
    if (!tx) {
      const [groups, instances] = await Promise.all([this.groups.ofVpcForChanges(vpcId), this.instances.ofVpc(vpcId)]);
      return { groups, instances };
    }
    // One after the other: in a transaction both reads share its one connection.
    const groups = await this.groups.ofVpcForChanges(vpcId, tx);
    return { groups, instances: await this.instances.ofVpc(vpcId, tx) };
  }

  /** The facts of a group's VPC (`selfId`: the group changed, null for one being created) as `caller` may see them. */
  factsFor(snapshot: VpcSnapshot, vpcId: string, selfId: string | null, caller: Caller): VpcFacts {
    return vpcFacts(snapshot, vpcId, selfId, (ids) => this.instances.findMany(ids, tenantScope(caller)));
  }
}

/** The facts, given how to find the instances the caller may see. */
export function vpcFacts(
  { groups, instances }: VpcSnapshot,
  vpcId: string,
  selfId: string | null,
  findVisible: (ids: readonly string[]) => Promise<InstanceRecord[]>,
): VpcFacts {
  // The group being changed is left out: naming an instance it already reaches (through a CIDR)
  // adds no group to that instance.
  const others = groups.filter((g) => g.id !== selfId);
  return {
    groups,
    instances,
    otherNames: others.map((g) => g.name),
    groupIds: [...groups.map((g) => g.id), ...(selfId && !groups.some((g) => g.id === selfId) ? [selfId] : [])],
    instanceFacts: async (ids) => {
      const facts: Record<string, InstanceFacts> = {};
      for (const i of await findVisible(ids)) {
        facts[i.id] = { vpcId: i.vpcId, groupCount: i.vpcId === vpcId ? attachmentsOf(i, others).length : 0 };
      }
      return facts;
    },
  };
}
