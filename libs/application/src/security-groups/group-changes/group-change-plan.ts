import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  checkStateBudget,
  evolveSecurityGroup,
  type GroupView,
  instancesTouchedByGroupChange,
  type OperationStatus,
  type SecurityGroup,
  type SecurityGroupEvent,
  type SecurityGroupState,
  summarizeGroupChange,
} from '@sg/domain';
import { StreamTypes } from '../../aggregates/streams';
import type { ExpectedVersion } from '../../ports/event-store.port';
import { VpcReadModel } from '../../ports/read-models/vpcs.read-model';
import { CoreSettings } from '../../settings';
import type { WritePlan } from '../../write-path/command-executor';
import { opened, type OperationOpened, planOperation } from '../../write-path/operation-plan';
import { VpcFactsReader, type VpcSnapshot } from './vpc-facts';
import { ProjectQuotas } from '../../quotas/project-quotas';
import { recheckStateBudget } from '../../quotas/state-budget';
import { InstanceReadModel } from '../../ports/read-models/instances.read-model';
import type { QuotaUsage } from '../../ports/read-models/quotas.read-model';

/** What a group command decided. */
export interface GroupDecision {
  events: SecurityGroupEvent[];
  /**
   * Limits that span the VPC's groups (groups per VPC, per instance), checked again inside the
   * transaction, under a lock per VPC, on the VPC as it is then (this change included): two
   * concurrent changes cannot both pass them on what each read before.
   */
  recheck?: (vpc: VpcSnapshot) => void;
  /**
   * The project quotas checked again inside the transaction, under a lock per tenant, on the usage
   * as it is then (this change included): two concurrent creations cannot both pass a quota on
   * what each counted before.
   */
  quota?: { tenant: string; adding: QuotaUsage };
  /**
   * Other groups of the same VPC changed in the same append (all or nothing, one operation): the
   * rules naming a deleted group as their remote, the other groups of a bulk creation. Each at
   * the version it was decided on: a writer that moved one meanwhile makes the change decided again.
   */
  others?: OtherGroupChange[];
}

/** One other group's share of a change. */
export interface OtherGroupChange {
  groupId: string;
  expectedVersion: ExpectedVersion;
  before: SecurityGroupState;
  events: SecurityGroupEvent[];
}

/** Another group a change left, as its outcome shows it. */
export interface OtherGroupChanged {
  groupId: string;
  group: SecurityGroup | null;
  version: number;
}

/** The outcome of a change to a group: the group as that change left it, and what follows it out. */
export interface GroupChanged {
  groupId: string;
  /** The group as this change left it (the domain's state, as history shows it), or null once deleted. */
  group: SecurityGroup | null;
  /** The group's version after this change, even when later changes of the same batch commit with it. */
  version: number;
  /** The operation that carries the change to the hypervisors; none for metadata edits. */
  operation: OperationOpened | null;
  /** The status of the group's latest operation: this change's, or (for an edit that opens none) the one before. */
  latestOperation: OperationStatus | undefined;
  /** The other groups the same change altered (GroupDecision.others), when there were any. */
  others?: OtherGroupChanged[];
}

export interface GroupChangeInput {
  tenant: string;
  groupId: string;
  expectedVersion: ExpectedVersion;
  before: SecurityGroupState;
  decision: GroupDecision;
  vpc: VpcSnapshot;
  now: string;
  /** Metadata edits reach no hypervisor and open no operation. */
  withOperation: boolean;
  /** For a change that opens no operation: the group's latest operation status before it. */
  latestBefore?: OperationStatus;
}

export interface PlannedGroupChange extends WritePlan<GroupChanged> {
  after: SecurityGroupState;
  operation: OperationOpened | null;
}

/**
 * From a decision to what is appended: the group's events and, in the same transaction, the
 * operation that carries them to the hypervisors of the instances they touch; and, inside that
 * transaction, the limits rechecked under the VPC's lock, the state budget and the quotas under
 * the tenant's locks, and the outcome.
 */
@Injectable()
export class GroupChangePlanner {
  constructor(
    @Inject(VpcReadModel) private readonly vpcs: VpcReadModel,
    @Inject(VpcFactsReader) private readonly facts: VpcFactsReader,
    @Inject(ProjectQuotas) private readonly quotas: ProjectQuotas,
    @Inject(InstanceReadModel) private readonly instances: InstanceReadModel,
    @Optional() @Inject(CoreSettings) private readonly settings: CoreSettings | null = null,
  ) {}

  plan({ tenant, groupId, expectedVersion, before, decision, vpc, now, withOperation, latestBefore }: GroupChangeInput): PlannedGroupChange {
    const after = decision.events.reduce(evolveSecurityGroup, before);
    const version = versionAfter(expectedVersion, decision.events.length);
    const others = (decision.others ?? []).map((o) => ({ ...o, after: o.events.reduce(evolveSecurityGroup, o.before) }));
    const nameOf = (id: string, b: SecurityGroupState, a: SecurityGroupState) => (a.status !== 'absent' ? a.group.name : b.status !== 'absent' ? b.group.name : id);
    const events = [...decision.events, ...others.flatMap((o) => o.events)];
    const operation = withOperation
      ? planOperation({
          tenant,
          // The change's first event names it: a creation that also adds rules is a creation.
          operationType: decision.events[0]?.type ?? 'security-group.unchanged',
          resource: { type: 'security-group', id: groupId },
          summary: [
            summarizeGroupChange(decision.events, nameOf(groupId, before, after)),
            ...others.filter((o) => o.events.length > 0).map((o) => summarizeGroupChange(o.events, nameOf(o.groupId, o.before, o.after))),
          ].join('; '),
          // No event, nothing to carry out: the operation then succeeds at once instead of re-sending state.
          touched: events.length === 0 ? [] : touchedByAll([{ groupId, before, after }, ...others], vpc),
          now,
        })
      : null;
    const group = after.status === 'active' ? after.group : null;
    const vpcId = (after.status !== 'absent' ? after.group : (before as { group: SecurityGroup }).group).vpcId;
    // The tenant's budget in each hypervisor's state, checked on acceptance (never discovered at
    // the agent): first on the VPC as read (a quick refusal), then inside the transaction, under
    // the tenant's lock, on the tenant's entries over all its VPCs with this change written, for
    // every hypervisor the change grows: concurrent changes cannot pass it together.
    const budget = this.settings?.limits.stateEntriesPerHypervisor;
    const grown = budget !== undefined && decision.events.length > 0 ? checkStateBudget(groupId, view(before), view(after), vpc.groups, vpc.instances, budget) : [];
    return {
      tenant,
      after,
      operation: operation && opened(operation),
      appends: [
        { streamId: groupId, streamType: StreamTypes.securityGroup, expectedVersion, events: decision.events },
        ...others.filter((o) => o.events.length > 0).map((o) => ({ streamId: o.groupId, streamType: StreamTypes.securityGroup, expectedVersion: o.expectedVersion, events: o.events })),
        ...(operation ? [operation.append] : []),
      ],
      outcome: async (tx) => {
        if (decision.recheck) {
          await this.vpcs.lockLimits(tx, vpcId);
          decision.recheck(await this.facts.snapshot(vpcId, tx));
        }
        if (grown.length > 0) await recheckStateBudget(this.instances, tx, tenant, grown, budget!);
        if (decision.quota) await this.quotas.recheck(tx, decision.quota.tenant, decision.quota.adding);
        return {
          groupId,
          group,
          version,
          operation: operation && opened(operation),
          latestOperation: operation?.status ?? latestBefore,
          ...(others.length > 0 && {
            others: others.map((o) => ({ groupId: o.groupId, group: o.after.status === 'active' ? o.after.group : null, version: versionAfter(o.expectedVersion, o.events.length) })),
          }),
        };
      },
    };
  }
}

function versionAfter(expectedVersion: ExpectedVersion, added: number): number {
  return (expectedVersion === 'no-stream' || expectedVersion === 'any' ? 0 : expectedVersion) + added;
}

/** The instances whose effective rules the changes to these groups alter, as the VPC's read models have them. */
function touchedByAll(changes: { groupId: string; before: SecurityGroupState; after: SecurityGroupState }[], vpc: VpcSnapshot) {
  const ids = new Set(changes.flatMap(({ groupId, before, after }) => touchedInstances(groupId, before, after, vpc).map((i) => i.id)));
  return vpc.instances.filter((i) => ids.has(i.id));
}

const view = (s: SecurityGroupState): GroupView | null => (s.status === 'active' ? s.group : null);

/** The instances whose effective rules the change alters, as the VPC's read models have them. */
function touchedInstances(groupId: string, before: SecurityGroupState, after: SecurityGroupState, vpc: VpcSnapshot) {
  const others = vpc.groups.filter((g) => g.id !== groupId);
  const afterView = view(after);
  return instancesTouchedByGroupChange(view(before), afterView, afterView ? [...others, afterView] : others, vpc.instances);
}
