import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type OperationStatus, type SecurityGroup, type SecurityGroupState } from '@sg/domain';
import { EventStore } from '../../ports/event-store.port';
import { OperationReadModel } from '../../ports/read-models/operations.read-model';
import { canSee } from '../../write-path/actor';
import type { Decided } from '../../write-path/command-executor';
import { checkExpectedVersion } from '../../write-path/errors';
import type { PendingWrite } from '../../write-path/idempotent-replays';
import type { WriteContext } from '../../write-path/write-command';
import { type GroupChanged, GroupChangePlanner, type GroupDecision } from './group-change-plan';
import { GroupSnapshots } from './group-snapshots';
import { type VpcFacts, VpcFactsReader } from './vpc-facts';

export type GroupDecide = (group: SecurityGroup, state: SecurityGroupState, facts: VpcFacts, now: string) => Promise<GroupDecision> | GroupDecision;

/** A change waiting for its group's next batch. */
export interface GroupWrite {
  context: WriteContext<GroupChanged>;
  decide: GroupDecide;
  /** Metadata edits reach no hypervisor and open no operation. */
  withOperation: boolean;
}

/**
 * Decides a batch of changes to one group in arrival order, each on the state the changes before
 * it leave (a change after a deletion in the same batch finds no group: 404, as it would a moment
 * later). The group and its VPC are read once for the whole batch.
 */
@Injectable()
export class GroupBatchDecider {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(GroupSnapshots) private readonly snapshots: GroupSnapshots,
    @Inject(VpcFactsReader) private readonly facts: VpcFactsReader,
    @Inject(OperationReadModel) private readonly operations: OperationReadModel,
    @Inject(GroupChangePlanner) private readonly planner: GroupChangePlanner,
  ) {}

  async decide(groupId: string, pending: readonly PendingWrite<GroupWrite, GroupChanged>[]): Promise<Decided<GroupChanged>[]> {
    const now = new Date().toISOString();
    const loaded = await this.snapshots.load(this.store, groupId);
    const vpc = loaded.state.status === 'active' ? await this.facts.snapshot(loaded.state.group.vpcId) : null;
    let state = loaded.state;
    let version = loaded.version;
    // The group's `propagation` follows its latest operation: for an edit that opens none, the
    // latest before it (planned earlier in this batch, or read once before it).
    let latest: { status: OperationStatus | undefined } | undefined;
    const latestBefore = async () => (latest ??= { status: (await this.operations.latestStatus([groupId])).get(groupId) }).status;
    const outcomes: Decided<GroupChanged>[] = [];
    for (const { item } of pending) {
      try {
        const { actor, expectedVersion } = item.context;
        if (state.status !== 'active' || !canSee(actor, state.group.tenant)) throw new DomainError('not-found', `no security group ${groupId}`);
        checkExpectedVersion(expectedVersion, version);
        const group = state.group;
        const decision = await item.decide(group, state, this.facts.factsFor(vpc!, group.vpcId, group.id, actor), now);
        const plan = this.planner.plan({
          tenant: group.tenant,
          groupId,
          expectedVersion: version,
          before: state,
          decision,
          vpc: vpc!,
          now,
          withOperation: item.withOperation,
          latestBefore: item.withOperation ? undefined : await latestBefore(),
        });
        if (plan.operation) latest = { status: plan.operation.status };
        outcomes.push({ plan });
        state = plan.after;
        version += decision.events.length;
      } catch (error) {
        outcomes.push({ error });
      }
    }
    return outcomes;
  }
}
