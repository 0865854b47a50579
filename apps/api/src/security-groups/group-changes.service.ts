import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, findInstances, groupsOfVpcForChanges, instancesOfVpc, latestOperationStatus, lockVpcLimits } from '@sg/infra';
import { GroupRecord, InstanceRecord, VpcRecord } from '@sg/application';
import { EventStore, newId, StreamTypes } from '@sg/application';
import {
  attachmentsOf,
  CommandContext,
  DomainError,
  evolveSecurityGroup,
  GroupView,
  initialSecurityGroupState,
  InstanceFacts,
  OperationStatus,
  instancesTouchedByGroupChange,
  SecurityGroup,
  SecurityGroupEvent,
  SecurityGroupState,
  summarizeGroupChange,
} from '@sg/domain';
import { DataSource, EntityManager } from 'typeorm';
import { canSee } from '../platform/auth/principal';
import { checkIfMatch, CommandExecutor, Decided, HttpResult } from '../platform/commands/command-executor';
import { KeyedBatcher, Waiting } from '../platform/commands/keyed-batcher';
import { plannedOperationRef, planOperation } from '../platform/commands/operation-plan';
import { APP_CONFIG } from '../platform/config.module';
import type { RequestContext } from '../platform/http/request-context';
import { GroupSnapshots } from './group-snapshots';
import { groupRecordAt, presentGroupChange } from './security-group.presenter';

/** What a group command may consult beside the group's own events: its VPC as the read models see it. */
export interface VpcFacts {
  /** Names and attachments; of the rules, only those naming a remote group (groupsOfVpcForChanges). */
  groups: GroupRecord[];
  instances: InstanceRecord[];
  /** Names of the VPC's other groups (unique per VPC). */
  otherNames: string[];
  groupIds: string[];
  /** Facts about instances a command names (tenant-scoped: another tenant's are absent, so 404). */
  instanceFacts(ids: readonly string[]): Promise<Record<string, InstanceFacts>>;
}

/** A VPC's groups and instances, as the read models have them. */
export interface VpcSnapshot {
  /** Names and attachments; of the rules, only those naming a remote group (groupsOfVpcForChanges). */
  groups: GroupRecord[];
  instances: InstanceRecord[];
}

export interface GroupDecision {
  events: SecurityGroupEvent[];
  warnings?: string[];
  /**
   * Limits that span the VPC's groups (groups per VPC, per instance), checked again inside the
   * transaction, under a lock per VPC, on the VPC as it is then (this change included): two
   * concurrent changes cannot both pass them on what each read before.
   */
  recheck?: (vpc: VpcSnapshot) => void;
}

export interface ChangeOptions {
  /** 200 for metadata edits, 201 for creation, 202 (default) for changes that propagate. */
  statusCode?: number;
  /** Metadata edits reach no hypervisor and open no operation. */
  withOperation?: boolean;
  extraHeaders?: (groupId: string) => Record<string, string>;
}

type GroupDecide = (group: SecurityGroup, state: SecurityGroupState, facts: VpcFacts, now: string) => Promise<GroupDecision> | GroupDecision;

/** A change waiting for its group's next batch. */
interface GroupWrite {
  ctx: RequestContext;
  decide: GroupDecide;
  options: ChangeOptions;
}

/**
 * The write path shared by every security-group command: load the group's stream, decide with
 * the VPC's facts, append the events with the operation that follows them out, and answer with
 * the group as just written.
 *
 * Changes to one group are committed in batches (group commit): while one transaction runs, the
 * changes that arrive queue, and the next batch loads the group and its VPC once, decides each
 * change on the state the ones before it leave, and appends them all in one transaction, each
 * with its own events' metadata and its own operation. Re-run by the executor when another
 * replica's writer got there first.
 */
@Injectable()
export class GroupChanges {
  private readonly writers = new KeyedBatcher<GroupWrite, HttpResult>((groupId, batch) =>
    this.executor.executeBatch(batch, (pending) => this.decideBatch(groupId, pending)),
  );

  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(GroupSnapshots) private readonly snapshots: GroupSnapshots,
  ) {}

  commandContext(now: string): CommandContext {
    return { now, newRuleId: () => newId('sgr'), limits: this.config.limits };
  }

  /** Changes an existing group. */
  change(ctx: RequestContext, groupId: string, decide: GroupDecide, options: ChangeOptions = {}): Promise<HttpResult> {
    // Postgres cannot hold a NUL in text: such an id names no group, and querying it would be a 500.
    if (groupId.includes('\u0000')) return Promise.reject(new DomainError('not-found', 'no such security group'));
    return this.writers.submit(groupId, { ctx, decide, options });
  }

  /**
   * Decides a batch in arrival order, each change on the state the changes before it leave: a
   * change after a deletion in the same batch finds no group (404), as it would a moment later.
   */
  private async decideBatch(groupId: string, pending: readonly Waiting<GroupWrite, HttpResult>[]): Promise<Decided[]> {
    const now = new Date().toISOString();
    const loaded = await this.snapshots.load(this.store, groupId);
    const vpc = loaded.state.status === 'active' ? await this.vpcData(this.db.manager, loaded.state.group.vpcId) : null;
    let state = loaded.state;
    let version = loaded.version;
    // The group's `propagation` follows its latest operation: for an edit that opens none, the
    // latest before it (planned earlier in this batch, or read once before it).
    let latest: { status: OperationStatus | undefined } | undefined;
    const latestBefore = async () => (latest ??= { status: (await latestOperationStatus(this.db.manager, [groupId])).get(groupId) }).status;
    const outcomes: Decided[] = [];
    for (const { item } of pending) {
      try {
        if (state.status !== 'active' || !canSee(item.ctx.principal, state.group.tenant)) {
          throw new DomainError('not-found', `no security group ${groupId}`);
        }
        checkIfMatch(item.ctx, version);
        const group = state.group;
        const facts = this.factsOf(vpc!, group.vpcId, group.id, item.ctx);
        const decision = await item.decide(group, state, facts, now);
        const withOperation = item.options.withOperation ?? true;
        const plan = this.plan(group.tenant, groupId, version, state, decision, facts, now, item.options, withOperation ? undefined : await latestBefore());
        if (plan.operationStatus) latest = { status: plan.operationStatus };
        outcomes.push({ plan });
        state = plan.after;
        version += decision.events.length;
      } catch (error) {
        outcomes.push({ error });
      }
    }
    return outcomes;
  }

  /**
   * Creates a group: the same path from an empty stream. The VPC is looked up inside the
   * executor, after the idempotency check, so a replay answers as the first time did even when
   * the VPC has gone since.
   */
  create(
    ctx: RequestContext,
    groupId: string,
    findVpcOf: () => Promise<VpcRecord>,
    decide: (vpc: VpcRecord, facts: VpcFacts, now: string) => Promise<GroupDecision> | GroupDecision,
  ): Promise<HttpResult> {
    return this.executor.execute(ctx, async () => {
      const vpc = await findVpcOf();
      const now = new Date().toISOString();
      const facts = this.factsOf(await this.vpcData(this.db.manager, vpc.id), vpc.id, null, ctx);
      const decision = await decide(vpc, facts, now);
      return this.plan(vpc.tenant, groupId, 'no-stream', initialSecurityGroupState(), decision, facts, now, {
        statusCode: 201,
        extraHeaders: (id) => ({ Location: `/v1/security-groups/${id}` }),
      });
    });
  }


  private async vpcData(m: EntityManager, vpcId: string): Promise<VpcSnapshot> {
    const [groups, instances] = await Promise.all([groupsOfVpcForChanges(m, vpcId), instancesOfVpc(m, vpcId)]);
    return { groups, instances };
  }

  /** The VPC's facts as one request may see them (instances of other tenants are absent to members). */
  private factsOf(
    { groups, instances }: VpcSnapshot,
    vpcId: string,
    selfId: string | null,
    ctx: RequestContext,
  ): VpcFacts {
    return {
      groups,
      instances,
      otherNames: groups.filter((g) => g.id !== selfId).map((g) => g.name),
      groupIds: [...groups.map((g) => g.id), ...(selfId && !groups.some((g) => g.id === selfId) ? [selfId] : [])],
      instanceFacts: async (ids) => {
        const found = await findInstances(this.db.manager, ids, canSeeAll(ctx) ? null : ctx.principal.tenant);
        const facts: Record<string, InstanceFacts> = {};
        // The group being changed is left out: naming an instance it already reaches (through a
        // CIDR) adds no group to that instance.
        const others = groups.filter((g) => g.id !== selfId);
        for (const i of found) {
          const sameVpc = i.vpcId === vpcId;
          facts[i.id] = { vpcId: i.vpcId, groupCount: sameVpc ? attachmentsOf(i, others).length : 0 };
        }
        return facts;
      },
    };
  }

  private plan(
    tenant: string,
    groupId: string,
    expectedVersion: number | 'no-stream',
    before: SecurityGroupState,
    decision: GroupDecision,
    facts: VpcFacts,
    now: string,
    options: ChangeOptions,
    /** For a change that opens no operation: the group's latest operation status before it. */
    latestStatus?: OperationStatus,
  ) {
    const after = decision.events.reduce(evolveSecurityGroup, before);
    const versionAfter = (expectedVersion === 'no-stream' ? 0 : expectedVersion) + decision.events.length;
    const view = (s: SecurityGroupState): GroupView | null => (s.status === 'active' ? s.group : null);
    const name = (after.status !== 'absent' ? after.group.name : before.status !== 'absent' ? before.group.name : groupId);
    const otherGroups = facts.groups.filter((g) => g.id !== groupId);
    const afterView = view(after);
    // No event, nothing to carry out: the operation then succeeds at once instead of re-sending state.
    const touched = decision.events.length === 0 ? [] : instancesTouchedByGroupChange(view(before), afterView, afterView ? [...otherGroups, afterView] : otherGroups, facts.instances);
    const withOperation = options.withOperation ?? true;
    const operation = withOperation
      ? planOperation({
          tenant,
          // The change's first event names it: a creation that also adds rules is a creation.
          operationType: decision.events[0]?.type ?? 'security-group.unchanged',
          resource: { type: 'security-group', id: groupId },
          summary: summarizeGroupChange(decision.events, name),
          touched,
          now,
        })
      : null;
    return {
      after,
      operationStatus: operation?.status,
      tenant,
      appends: [
        { streamId: groupId, streamType: StreamTypes.securityGroup, expectedVersion, events: decision.events },
        ...(operation ? [operation.append] : []),
      ],
      respond: async (tx: EntityManager): Promise<HttpResult> => {
        if (decision.recheck) {
          const vpcId = (after.status !== 'absent' ? after.group : (before as { group: SecurityGroup }).group).vpcId;
          await lockVpcLimits(tx, vpcId);
          decision.recheck(await this.vpcData(tx, vpcId));
        }
        const op = operation ? plannedOperationRef(operation) : null;
        const headers = { ...(op?.headers ?? {}), ...(options.extraHeaders?.(groupId) ?? {}) };
        const statusCode = options.statusCode ?? 202;
        if (after.status !== 'active') return { statusCode, headers, body: { id: groupId, deleted: true, ...(op && { operation: op.ref }) } };
        // The group as this change left it (the domain's state, as history shows it), even when
        // later changes of the same batch commit with it.
        const record = groupRecordAt(after.group, versionAfter);
        return { statusCode, headers, body: presentGroupChange(record, op?.ref ?? null, decision.warnings ?? [], op ? undefined : latestStatus) };
      },
    };
  }
}

function canSeeAll(ctx: RequestContext): boolean {
  return ctx.principal.role === 'operator';
}
