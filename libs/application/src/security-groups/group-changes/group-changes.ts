import { Inject, Injectable } from '@nestjs/common';
import { type CommandContext, DomainError, initialSecurityGroupState, type Limits, type SecurityGroupEvent, type SecurityGroupState } from '@sg/domain';
import { EventStore } from '../../ports/event-store.port';
import { GroupSnapshots } from './group-snapshots';
import { type Caller, canSee } from '../../write-path/actor';
import { newId } from '../../aggregates/ids';
import type { VpcRecord } from '../../ports/read-models/vpcs.read-model';
import { CoreSettings } from '../../settings';
import { CommandExecutor } from '../../write-path/command-executor';
import type { WriteContext, Written } from '../../write-path/write-command';
import type { GroupDecide } from './group-batch';
import { GroupCommit } from './group-commit';
import { type GroupChanged, GroupChangePlanner, type GroupDecision, type OtherGroupChange } from './group-change-plan';
import { type VpcFacts, VpcFactsReader } from './vpc-facts';

/**
 * What every security-group command does with its decision: an existing group's changes go
 * through group commit (GroupCommit → GroupBatchDecider → GroupChangePlanner), a new group's
 * creation through the executor on its own; both read the VPC's facts (VpcFactsReader) and
 * answer with the group as their change left it (GroupChanged).
 */
@Injectable()
export class GroupChanges {
  constructor(
    @Inject(GroupCommit) private readonly commit: GroupCommit,
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(VpcFactsReader) private readonly facts: VpcFactsReader,
    @Inject(GroupChangePlanner) private readonly planner: GroupChangePlanner,
    @Inject(CoreSettings) private readonly settings: CoreSettings,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(GroupSnapshots) private readonly snapshots: GroupSnapshots,
  ) {}

  /** What `decide` needs besides the command: the time, new rule ids, the limits. */
  commandContext(now: string): CommandContext {
    return groupCommandContext(now, this.settings.limits);
  }

  /**
   * Other groups' shares of a change (GroupDecision.others): each loaded at its current version
   * and decided on that state; those the decision leaves unchanged are left out. `missing`: what to
   * do with a group that is gone, the caller may not see, or lies in another VPC than `vpcId` —
   * skip it (the rules naming a deleted group, found in the read models a moment ago), or refuse.
   */
  async others(
    groupIds: readonly string[],
    where: { vpcId: string; actor: Caller; missing: 'skip' | 'refuse' },
    decide: (state: SecurityGroupState) => SecurityGroupEvent[],
  ): Promise<OtherGroupChange[]> {
    const changes: OtherGroupChange[] = [];
    for (const groupId of groupIds) {
      const { state, version } = await this.snapshots.load(this.store, groupId);
      if (state.status !== 'active' || !canSee(where.actor, state.group.tenant)) {
        if (where.missing === 'skip') continue;
        throw new DomainError('not-found', `no security group ${groupId}`);
      }
      if (state.group.vpcId !== where.vpcId) {
        if (where.missing === 'skip') continue;
        throw new DomainError('validation-failed', 'one change reaches the groups of one VPC only', [{ path: 'groupId', message: `${groupId} is in another VPC` }]);
      }
      const events = decide(state);
      if (events.length > 0) changes.push({ groupId, expectedVersion: version, before: state, events });
    }
    return changes;
  }

  /** Changes an existing group. */
  change(context: WriteContext<GroupChanged>, groupId: string, decide: GroupDecide, options: { withOperation?: boolean } = {}): Promise<Written<GroupChanged>> {
    // Postgres cannot hold a NUL in text: such an id names no group, and querying it would fail.
    if (groupId.includes('\u0000')) return Promise.reject(new DomainError('not-found', 'no such security group'));
    return this.commit.submit(groupId, { context, decide, withOperation: options.withOperation ?? true });
  }

  /**
   * Creates a group: the same path from an empty stream. The VPC is looked up inside the
   * executor, after the idempotency check, so a replay answers as the first time did even when
   * the VPC has gone since.
   */
  create(
    context: WriteContext<GroupChanged>,
    groupId: string,
    findVpcOf: () => Promise<VpcRecord>,
    decide: (vpc: VpcRecord, facts: VpcFacts, now: string) => Promise<GroupDecision> | GroupDecision,
  ): Promise<Written<GroupChanged>> {
    return this.executor.execute(context, async () => {
      const vpc = await findVpcOf();
      const now = new Date().toISOString();
      const snapshot = await this.facts.snapshot(vpc.id);
      const decision = await decide(vpc, this.facts.factsFor(snapshot, vpc.id, null, context.actor), now);
      const before = initialSecurityGroupState();
      return this.planner.plan({ tenant: vpc.tenant, groupId, expectedVersion: 'no-stream', before, decision, vpc: snapshot, now, withOperation: true });
    });
  }
}

/** What a security group's `decide` needs besides the command, for any command that changes a group. */
export function groupCommandContext(now: string, limits: Limits): CommandContext {
  return { now, newRuleId: () => newId('sgr'), limits };
}
