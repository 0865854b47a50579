import {
  decideSecurityGroup,
  DEFAULT_LIMITS,
  type InstanceView,
  initialSecurityGroupState,
  type SecurityGroupCommand,
  SecurityGroupEvent,
  type SecurityGroupState,
  evolveSecurityGroup,
} from '@sg/domain';
import { StreamTypes } from '../aggregates/streams';
import type { InstanceRecord } from '../ports/read-models/instances.read-model';
import type { GroupRecord } from '../ports/read-models/security-groups.read-model';
import { GroupBatchDecider } from '../security-groups/group-changes/group-batch';
import type { GroupChanged } from '../security-groups/group-changes/group-change-plan';
import { GroupChangePlanner } from '../security-groups/group-changes/group-change-plan';
import { groupCommandContext, GroupChanges } from '../security-groups/group-changes/group-changes';
import { GroupCommit } from '../security-groups/group-changes/group-commit';
import { GroupSnapshots } from '../security-groups/group-changes/group-snapshots';
import { VpcFactsReader } from '../security-groups/group-changes/vpc-facts';
import { groupRecordAt } from '../security-groups/group-record';
import type { Actor } from '../write-path/actor';
import { CommandExecutor } from '../write-path/command-executor';
import type { WriteContext } from '../write-path/write-command';
import { InMemoryEventStore } from './in-memory-event-store';
import { ProjectQuotas } from '../quotas/project-quotas';
import {
  InMemoryInstanceReadModel,
  InMemoryOperationReadModel,
  InMemoryQuotaReadModel,
  InMemoryReads,
  InMemorySecurityGroupReadModel,
  InMemoryVpcReadModel,
} from './in-memory-read-models';

export const NOW = '2026-11-27T10:00:00.000Z';

/**
 * The security groups' write path on in-memory ports, for unit tests of its parts. With
 * `stateEntriesPerHypervisor`, the planner checks the state budget at that limit.
 */
export function groupWritePath(options: { stateEntriesPerHypervisor?: number } = {}) {
  const reads = new InMemoryReads();
  const store = new InMemoryEventStore();
  const settings = { limits: DEFAULT_LIMITS, commandRetries: 3 };
  const instances = new InMemoryInstanceReadModel(reads);
  const facts = new VpcFactsReader(new InMemorySecurityGroupReadModel(reads), instances);
  const vpcs = new InMemoryVpcReadModel(reads);
  const budget = options.stateEntriesPerHypervisor;
  const planner = new GroupChangePlanner(
    vpcs,
    facts,
    new ProjectQuotas(new InMemoryQuotaReadModel(reads)),
    instances,
    budget === undefined ? null : { ...settings, limits: { ...DEFAULT_LIMITS, stateEntriesPerHypervisor: budget } },
  );
  const snapshots = new GroupSnapshots();
  const decider = new GroupBatchDecider(store, snapshots, facts, new InMemoryOperationReadModel(reads), planner);
  const executor = new CommandExecutor(store, settings);
  const commit = new GroupCommit(executor, decider);
  const changes = new GroupChanges(commit, executor, facts, planner, settings, store, snapshots);
  return { reads, store, facts, planner, decider, executor, commit, changes };
}

export function actor(overrides: Partial<Actor> = {}): Actor {
  return { tenant: 'demo', role: 'member', name: 'demo/member#test', requestId: 'req-1', idempotencyKey: null, ...overrides };
}

/** A context whose face answers with the outcome itself. */
export function context(overrides: Partial<Actor> = {}, expectedVersion: number | null = null): WriteContext<GroupChanged> {
  return { actor: actor(overrides), expectedVersion, reply: { face: 'test', requestHash: `hash-${overrides.requestId ?? 'req-1'}`, answer: (o) => ({ version: o.version }) } };
}

export function instance(id: string, hypervisorId: string, ipv4: string, vpcId = 'vpc-1'): InstanceRecord {
  return { id, vpcId, hypervisorId, ipv4, ipv6: null, tenant: 'demo', name: id, version: 1, createdAt: NOW, updatedAt: NOW };
}

/**
 * A group whose stream holds the given commands' events (after its creation), mirrored into the
 * read models as the inline projection would: the state the write path starts from.
 */
export async function seedGroup(
  path: ReturnType<typeof groupWritePath>,
  id: string,
  commands: SecurityGroupCommand[] = [],
  tenant = 'demo',
): Promise<{ state: SecurityGroupState; record: GroupRecord }> {
  const ctx = groupCommandContext(NOW, DEFAULT_LIMITS);
  const events: SecurityGroupEvent[] = decideSecurityGroup(
    { type: 'CreateSecurityGroup', groupId: id, vpcId: 'vpc-1', tenant, name: id, description: '', tags: {}, rules: [], applyTo: { instanceIds: [], cidrs: [] }, existingNamesInVpc: [], groupIdsInVpc: [id], instances: {} },
    initialSecurityGroupState(),
    ctx,
  );
  let state = events.reduce(evolveSecurityGroup, initialSecurityGroupState());
  for (const command of commands) {
    const more = decideSecurityGroup(command, state, ctx);
    state = more.reduce(evolveSecurityGroup, state);
    events.push(...more);
  }
  await path.store.append(id, StreamTypes.securityGroup, 'no-stream', events, { actor: 'seed', tenant });
  if (state.status !== 'active') throw new Error('seeded a group that is not there');
  const record = groupRecordAt(state.group, events.length);
  path.reads.groups = [...path.reads.groups.filter((g) => g.id !== id), record];
  return { state, record };
}

/** The instances a set of views stands for, in the read model. */
export function placeInstances(path: ReturnType<typeof groupWritePath>, ...instances: InstanceRecord[]): InstanceView[] {
  path.reads.instances.push(...instances);
  return instances;
}
