import { Inject, Injectable } from '@nestjs/common';
import {
  AppConfig,
  EventStore,
  findGroup,
  findInstances,
  GroupRecord,
  groupsOfVpc,
  instancesOfVpc,
  InstanceRecord,
  latestOperationStatus,
  loadAggregate,
  newId,
  StreamTypes,
} from '@sg/infra';
import {
  attachmentsOf,
  CommandContext,
  DomainError,
  evolveSecurityGroup,
  GroupView,
  initialSecurityGroupState,
  InstanceFacts,
  instancesTouchedByGroupChange,
  SecurityGroup,
  SecurityGroupEvent,
  SecurityGroupState,
  summarizeGroupChange,
} from '@sg/domain';
import { DataSource, EntityManager } from 'typeorm';
import { canSee } from '../platform/auth/principal';
import { checkIfMatch, CommandExecutor, HttpResult } from '../platform/commands/command-executor';
import { KeyedMutex } from '../platform/commands/keyed-mutex';
import { plannedOperationRef, planOperation } from '../platform/commands/operation-plan';
import { APP_CONFIG } from '../platform/config.module';
import type { RequestContext } from '../platform/http/request-context';
import { presentGroupChange } from './security-group.presenter';

/** What a group command may consult beside the group's own events: its VPC as the read models see it. */
export interface VpcFacts {
  groups: GroupRecord[];
  instances: InstanceRecord[];
  /** Names of the VPC's other groups (unique per VPC). */
  otherNames: string[];
  groupIds: string[];
  /** Facts about instances a command names (tenant-scoped: another tenant's are absent, so 404). */
  instanceFacts(ids: readonly string[]): Promise<Record<string, InstanceFacts>>;
}

export interface GroupDecision {
  events: SecurityGroupEvent[];
  warnings?: string[];
}

export interface ChangeOptions {
  /** 200 for metadata edits, 201 for creation, 202 (default) for changes that propagate. */
  statusCode?: number;
  /** Metadata edits reach no hypervisor and open no operation. */
  withOperation?: boolean;
  extraHeaders?: (groupId: string) => Record<string, string>;
}

/**
 * The write path shared by every security-group command: load the group's stream, decide with
 * the VPC's facts, append the events with the operation that follows them out, and answer with
 * the group as just written. Re-run by the executor when another writer got there first.
 */
@Injectable()
export class GroupChanges {
  /** Writers to one group queue up in this process instead of clashing on its version. */
  private readonly writers = new KeyedMutex();

  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  commandContext(now: string): CommandContext {
    return { now, newRuleId: () => newId('sgr'), limits: this.config.limits };
  }

  /** Changes an existing group. */
  change(
    ctx: RequestContext,
    groupId: string,
    decide: (group: SecurityGroup, state: SecurityGroupState, facts: VpcFacts, now: string) => Promise<GroupDecision> | GroupDecision,
    options: ChangeOptions = {},
  ): Promise<HttpResult> {
    // Postgres cannot hold a NUL in text: such an id names no group, and querying it would be a 500.
    if (groupId.includes('\u0000')) return Promise.reject(new DomainError('not-found', 'no such security group'));
    return this.writers.run(groupId, () => this.executor.execute(ctx, async () => {
      const now = new Date().toISOString();
      const loaded = await loadAggregate(this.store, groupId, evolveSecurityGroup, initialSecurityGroupState);
      if (loaded.state.status !== 'active' || !canSee(ctx.principal, loaded.state.group.tenant)) {
        throw new DomainError('not-found', `no security group ${groupId}`);
      }
      checkIfMatch(ctx, loaded.version);
      const group = loaded.state.group;
      const facts = await this.vpcFacts(this.db.manager, group.vpcId, group.id, ctx);
      const decision = await decide(group, loaded.state, facts, now);
      return this.plan(group.tenant, groupId, loaded.version, loaded.state, decision, facts, now, options);
    }));
  }

  /** Creates a group: the same path from an empty stream. */
  create(
    ctx: RequestContext,
    tenant: string,
    groupId: string,
    vpcId: string,
    decide: (facts: VpcFacts, now: string) => Promise<GroupDecision> | GroupDecision,
  ): Promise<HttpResult> {
    return this.executor.execute(ctx, async () => {
      const now = new Date().toISOString();
      const facts = await this.vpcFacts(this.db.manager, vpcId, null, ctx);
      const decision = await decide(facts, now);
      return this.plan(tenant, groupId, 'no-stream', initialSecurityGroupState(), decision, facts, now, {
        statusCode: 201,
        extraHeaders: (id) => ({ Location: `/v1/security-groups/${id}` }),
      });
    });
  }

  async vpcFacts(m: EntityManager, vpcId: string, selfId: string | null, ctx: RequestContext): Promise<VpcFacts> {
    const [groups, instances] = await Promise.all([groupsOfVpc(m, vpcId), instancesOfVpc(m, vpcId)]);
    return {
      groups,
      instances,
      otherNames: groups.filter((g) => g.id !== selfId).map((g) => g.name),
      groupIds: [...groups.map((g) => g.id), ...(selfId && !groups.some((g) => g.id === selfId) ? [selfId] : [])],
      instanceFacts: async (ids) => {
        const found = await findInstances(m, ids, canSeeAll(ctx) ? null : ctx.principal.tenant);
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
  ) {
    const after = decision.events.reduce(evolveSecurityGroup, before);
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
    const deleted = after.status === 'deleted';
    return {
      tenant,
      appends: [
        { streamId: groupId, streamType: StreamTypes.securityGroup, expectedVersion, events: decision.events },
        ...(operation ? [operation.append] : []),
      ],
      respond: async (tx: EntityManager): Promise<HttpResult> => {
        const op = operation ? plannedOperationRef(operation) : null;
        const headers = { ...(op?.headers ?? {}), ...(options.extraHeaders?.(groupId) ?? {}) };
        const statusCode = options.statusCode ?? 202;
        if (deleted) return { statusCode, headers, body: { id: groupId, deleted: true, ...(op && { operation: op.ref }) } };
        const record = await findGroup(tx, groupId, null);
        const latest = op ? undefined : (await latestOperationStatus(tx, [groupId])).get(groupId);
        return { statusCode, headers, body: presentGroupChange(record!, op?.ref ?? null, decision.warnings ?? [], latest) };
      },
    };
  }
}

function canSeeAll(ctx: RequestContext): boolean {
  return ctx.principal.role === 'operator';
}
