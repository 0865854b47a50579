import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  attachmentsOf,
  byHypervisor,
  decideInstance,
  decideRegisterHypervisor,
  decideResetQuotas,
  decideSetQuotas,
  decideSecurityGroup,
  decideVpc,
  DEFAULT_LIMITS,
  DomainError,
  evolveSecurityGroup,
  GroupView,
  initialInstanceState,
  initialSecurityGroupState,
  initialVpcState,
  InstanceFacts,
  instancesTouchedByGroupChange,
  OperationEvent,
  OperationEventTypes,
  OperationResource,
  OperationTargetPlan,
  queueOperation,
  SecurityGroupCommand,
  SecurityGroupEvent,
  SecurityGroupState,
  summarizeGroupChange,
} from '../../libs/domain/src';
import { findInstances, groupsOfVpc, instancesOfVpc } from '../../libs/infra/src';
import { parseAddRulesInput, parseReplaceRulesInput } from '../../apps/api/src/v1/security-groups/security-group.input';
import { AppendRequest, EventMetadata, EventStore, HypervisorAggregate, InstanceAggregate, loadAggregate, newId, OperationAggregate, QuotaAggregate, SecurityGroupAggregate, StreamIds, StreamTypes, VpcAggregate } from '../../libs/application/src';

/**
 * Drives the domain's deciders straight against an event store, the way the API's command
 * handlers do (load → decide → append, with the operation that follows a change in the same
 * transaction), for tests that need events the HTTP endpoints cannot produce yet, or many of
 * them fast. It never writes a read-model table: the store's inline projections do.
 */

/** Who did it: the metadata every append carries. The tenant defaults to the resource's. */
export interface As {
  tenant?: string;
  actor?: string;
  requestId?: string;
  idempotencyKey?: string;
}

export interface Change {
  /** The stream's version after the change. */
  version: number;
  /** The operation opened with it, if any. */
  operationId: string | null;
}

const RULE_CONTEXT = { callerIp: null, maxAddresses: DEFAULT_LIMITS.addressesPerRequest };

export class DomainDriver {
  constructor(
    readonly store: EventStore,
    readonly db: DataSource,
  ) {}

  /** `conventions: 'neutron'`: the tenant's project VPC, as the Neutron face makes it. */
  async createVpc(tenant: string, name: string, cidr: string | null = null, as: As = {}, conventions?: 'neutron'): Promise<{ vpcId: string; defaultGroupId: string }> {
    const now = new Date().toISOString();
    const vpcId = newId('vpc');
    const defaultGroupId = newId('sg');
    const vpcEvents = decideVpc({ type: 'CreateVpc', vpcId, tenant, name, cidr, defaultSecurityGroupId: defaultGroupId, conventions }, initialVpcState(), now);
    const groupEvents = decideSecurityGroup({ type: 'CreateDefaultSecurityGroup', groupId: defaultGroupId, vpcId, tenant, conventions }, initialSecurityGroupState(), this.context(now));
    await this.append(tenant, as, [
      { streamId: vpcId, streamType: StreamTypes.vpc, expectedVersion: 'no-stream', events: vpcEvents },
      { streamId: defaultGroupId, streamType: StreamTypes.securityGroup, expectedVersion: 'no-stream', events: groupEvents },
    ]);
    return { vpcId, defaultGroupId };
  }

  /** Refused by the domain (409) while the VPC has instances or groups of its own. */
  async deleteVpc(vpcId: string, as: As = {}): Promise<void> {
    const now = new Date().toISOString();
    const vpc = await loadAggregate(this.store, vpcId, VpcAggregate);
    if (vpc.state.status !== 'active') throw new DomainError('not-found', `no VPC ${vpcId}`);
    const [groups, instances] = await Promise.all([groupsOfVpc(this.db.manager, vpcId), instancesOfVpc(this.db.manager, vpcId)]);
    const vpcEvents = decideVpc({ type: 'DeleteVpc', instanceCount: instances.length, nonDefaultGroupCount: groups.filter((g) => !g.isDefault).length }, vpc.state, now);
    const groupId = vpc.state.vpc.defaultSecurityGroupId;
    const group = await loadAggregate(this.store, groupId, SecurityGroupAggregate);
    const groupEvents = decideSecurityGroup({ type: 'DeleteSecurityGroup', referencedByGroupIds: [], cascadeFromVpc: true }, group.state, this.context(now));
    await this.append(vpc.state.vpc.tenant, as, [
      { streamId: vpcId, streamType: StreamTypes.vpc, expectedVersion: vpc.version, events: vpcEvents },
      { streamId: groupId, streamType: StreamTypes.securityGroup, expectedVersion: group.version, events: groupEvents },
    ]);
  }

  async createGroup(
    vpcId: string,
    input: { name: string; description?: string; tags?: Record<string, string>; rules?: unknown[]; applyTo?: { instanceIds?: string[]; cidrs?: string[] } },
    as: As = {},
  ): Promise<Change & { groupId: string }> {
    const now = new Date().toISOString();
    const vpc = await loadAggregate(this.store, vpcId, VpcAggregate);
    if (vpc.state.status !== 'active') throw new DomainError('not-found', `no VPC ${vpcId}`);
    const groupId = newId('sg');
    const facts = await this.vpcFacts(vpcId);
    const rules = input.rules?.length ? parseAddRulesInput({ rules: input.rules }, RULE_CONTEXT).rules : [];
    const applyTo = { instanceIds: input.applyTo?.instanceIds ?? [], cidrs: input.applyTo?.cidrs ?? [] };
    const events = decideSecurityGroup(
      {
        type: 'CreateSecurityGroup', groupId, vpcId, tenant: vpc.state.vpc.tenant, name: input.name, description: input.description ?? '',
        tags: input.tags ?? {}, rules, applyTo, existingNamesInVpc: facts.groups.map((g) => g.name), groupIdsInVpc: [...facts.groups.map((g) => g.id), groupId],
        instances: await facts.instanceFacts(applyTo.instanceIds),
      },
      initialSecurityGroupState(),
      this.context(now),
    );
    const change = await this.appendGroupChange(vpc.state.vpc.tenant, groupId, 'no-stream', initialSecurityGroupState(), events, facts, now, as);
    return { ...change, groupId };
  }

  /** Rules as `POST /v1/security-groups/{id}/rules` takes them (RULE_INPUT). */
  addRules(groupId: string, rules: unknown[], as: As = {}): Promise<Change> {
    return this.changeGroup(groupId, as, (facts) => ({ type: 'AddRules', rules: parseAddRulesInput({ rules }, RULE_CONTEXT).rules, groupIdsInVpc: facts.groupIds }));
  }

  removeRules(groupId: string, ruleIds: string[], as: As = {}): Promise<Change> {
    return this.changeGroup(groupId, as, () => ({ type: 'RemoveRules', ruleIds }));
  }

  /** The body of `PUT /v1/security-groups/{id}/rules`. */
  replaceRules(groupId: string, body: { inboundRules?: unknown[]; outboundRules?: unknown[] }, as: As = {}): Promise<Change> {
    return this.changeGroup(groupId, as, (facts) => ({ type: 'ReplaceRules', rules: parseReplaceRulesInput(body, RULE_CONTEXT).rules, groupIdsInVpc: facts.groupIds }));
  }

  changeAppliedTo(groupId: string, mode: 'set' | 'add' | 'remove', target: { instanceIds?: string[]; cidrs?: string[] }, as: As = {}): Promise<Change> {
    const instanceIds = target.instanceIds ?? [];
    return this.changeGroup(groupId, as, async (facts) => ({ type: 'ChangeAppliedTo', mode, instanceIds, cidrs: target.cidrs ?? [], instances: await facts.instanceFacts(instanceIds) }));
  }

  /** Metadata edits reach no hypervisor: no operation, as in the API. */
  updateGroup(groupId: string, patch: { name?: string; description?: string; tags?: Record<string, string> }, as: As = {}): Promise<Change> {
    return this.changeGroup(groupId, as, (facts) => ({ type: 'UpdateSecurityGroup', ...patch, existingNamesInVpc: facts.groups.filter((g) => g.id !== groupId).map((g) => g.name) }), false);
  }

  deleteGroup(groupId: string, as: As = {}): Promise<Change> {
    return this.changeGroup(groupId, as, (facts) => ({
      type: 'DeleteSecurityGroup',
      referencedByGroupIds: facts.groups.filter((g) => g.rules.some((r) => r.remoteGroupId === groupId)).map((g) => g.id),
    }));
  }

  /** A project's quotas set (or, with null, reset to the defaults). */
  async setQuotas(tenant: string, changes: { securityGroups?: number; securityGroupRules?: number } | null, as: As = {}): Promise<void> {
    const streamId = StreamIds.quota(tenant);
    const loaded = await loadAggregate(this.store, streamId, QuotaAggregate);
    const now = new Date().toISOString();
    const events = changes === null ? decideResetQuotas(tenant, now) : decideSetQuotas(tenant, changes, now);
    await this.append(as.tenant ?? 'ops', as, [{ streamId, streamType: StreamTypes.quota, expectedVersion: loaded.version === 0 ? 'no-stream' : loaded.version, events }]);
  }

  async registerHypervisor(hypervisorId: string, agentUrl: string, as: As = {}): Promise<void> {
    const streamId = StreamIds.hypervisor(hypervisorId);
    const loaded = await loadAggregate(this.store, streamId, HypervisorAggregate);
    const events = decideRegisterHypervisor(loaded.state, hypervisorId, agentUrl, new Date().toISOString());
    await this.append(as.tenant ?? 'ops', as, [{ streamId, streamType: StreamTypes.hypervisor, expectedVersion: loaded.version, events }]);
  }

  async registerInstance(vpcId: string, input: { name: string; hypervisorId: string; ipv4?: string | null; ipv6?: string | null }, as: As = {}): Promise<string> {
    const now = new Date().toISOString();
    const vpc = await loadAggregate(this.store, vpcId, VpcAggregate);
    if (vpc.state.status !== 'active') throw new DomainError('not-found', `no VPC ${vpcId}`);
    const instanceId = newId('i');
    const inUse = (await instancesOfVpc(this.db.manager, vpcId)).flatMap((i) => [i.ipv4, i.ipv6]).filter((a): a is string => a !== null);
    const events = decideInstance(
      {
        type: 'RegisterInstance', instanceId, tenant: vpc.state.vpc.tenant, name: input.name, hypervisorId: input.hypervisorId,
        ipv4: input.ipv4 ?? null, ipv6: input.ipv6 ?? null, vpc: { id: vpcId, cidr: vpc.state.vpc.cidr }, addressesInUse: inUse,
      },
      initialInstanceState(),
      now,
    );
    await this.append(vpc.state.vpc.tenant, as, [{ streamId: instanceId, streamType: StreamTypes.instance, expectedVersion: 'no-stream', events }]);
    return instanceId;
  }

  async moveInstance(instanceId: string, hypervisorId: string, as: As = {}): Promise<void> {
    const loaded = await loadAggregate(this.store, instanceId, InstanceAggregate);
    const events = decideInstance({ type: 'MoveInstance', hypervisorId }, loaded.state, new Date().toISOString());
    if (loaded.state.status !== 'active') return;
    await this.append(loaded.state.instance.tenant, as, [{ streamId: instanceId, streamType: StreamTypes.instance, expectedVersion: loaded.version, events }]);
  }

  /** Deleting an instance detaches it from every group that names it, in the same transaction. */
  async deleteInstance(instanceId: string, as: As = {}): Promise<void> {
    const now = new Date().toISOString();
    const loaded = await loadAggregate(this.store, instanceId, InstanceAggregate);
    const events = decideInstance({ type: 'DeleteInstance' }, loaded.state, now);
    if (loaded.state.status !== 'active') return;
    const instance = loaded.state.instance;
    const appends: AppendRequest[] = [{ streamId: instanceId, streamType: StreamTypes.instance, expectedVersion: loaded.version, events }];
    for (const g of await groupsOfVpc(this.db.manager, instance.vpcId)) {
      if (!g.appliedTo.instanceIds.includes(instanceId)) continue;
      const group = await loadAggregate(this.store, g.id, SecurityGroupAggregate);
      const detach = decideSecurityGroup({ type: 'DetachInstance', instanceId }, group.state, this.context(now));
      appends.push({ streamId: g.id, streamType: StreamTypes.securityGroup, expectedVersion: group.version, events: detach });
    }
    await this.append(instance.tenant, as, appends);
  }

  /** `operation.queued` through the domain's queueOperation; without targets it succeeds at once. */
  async queueOperation(
    input: { tenant: string; resource: OperationResource; operationType?: string; summary?: string; targets?: OperationTargetPlan[] },
    as: As = {},
  ): Promise<string> {
    const operationId = newId('op');
    const events = queueOperation({
      operationId, tenant: input.tenant, operationType: input.operationType ?? 'security-group.rules.added', resource: input.resource,
      summary: input.summary ?? `Changed ${input.resource.id}`, changePosition: null, targets: input.targets ?? [], at: new Date().toISOString(),
    });
    await this.append(input.tenant, as, [{ streamId: operationId, streamType: StreamTypes.operation, expectedVersion: 'no-stream', events }]);
    return operationId;
  }

  /** What the propagation worker reports, event by event (see `progress` for the shapes). */
  async advanceOperation(operationId: string, steps: ((operationId: string, at: string) => OperationEvent)[], as: As = {}): Promise<void> {
    const loaded = await loadAggregate(this.store, operationId, OperationAggregate);
    if (loaded.state.status !== 'present') throw new DomainError('not-found', `no operation ${operationId}`);
    const at = new Date().toISOString();
    const events = steps.map((step) => step(operationId, at));
    await this.append(loaded.state.operation.tenant, { actor: 'system/worker', ...as }, [
      { streamId: operationId, streamType: StreamTypes.operation, expectedVersion: loaded.version, events },
    ]);
  }

  private context(now: string) {
    return { now, newRuleId: () => newId('sgr'), limits: DEFAULT_LIMITS };
  }

  private async changeGroup(
    groupId: string,
    as: As,
    command: (facts: VpcFacts) => SecurityGroupCommand | Promise<SecurityGroupCommand>,
    withOperation = true,
  ): Promise<Change> {
    const now = new Date().toISOString();
    const loaded = await loadAggregate(this.store, groupId, SecurityGroupAggregate);
    if (loaded.state.status !== 'active') throw new DomainError('not-found', `no security group ${groupId}`);
    const facts = await this.vpcFacts(loaded.state.group.vpcId);
    const events = decideSecurityGroup(await command(facts), loaded.state, this.context(now));
    return this.appendGroupChange(loaded.state.group.tenant, groupId, loaded.version, loaded.state, events, facts, now, as, withOperation);
  }

  /** As GroupChanges does in the API: the group's events and the operation that follows them, in one append. */
  private async appendGroupChange(
    tenant: string,
    groupId: string,
    expectedVersion: number | 'no-stream',
    before: SecurityGroupState,
    events: SecurityGroupEvent[],
    facts: VpcFacts,
    now: string,
    as: As,
    withOperation = true,
  ): Promise<Change> {
    const after = events.reduce(evolveSecurityGroup, before);
    const view = (s: SecurityGroupState): GroupView | null => (s.status === 'active' ? s.group : null);
    const others: GroupView[] = facts.groups.filter((g) => g.id !== groupId);
    const afterView = view(after);
    const touched = instancesTouchedByGroupChange(view(before), afterView, afterView ? [...others, afterView] : others, facts.instances);
    const name = after.status !== 'absent' ? after.group.name : groupId;
    const operationId = withOperation && events.length > 0 ? newId('op') : null;
    const appends: AppendRequest[] = [{ streamId: groupId, streamType: StreamTypes.securityGroup, expectedVersion, events }];
    if (operationId) {
      const opEvents = queueOperation({
        operationId, tenant, operationType: events[events.length - 1].type, resource: { type: 'security-group', id: groupId },
        summary: summarizeGroupChange(events, name), changePosition: null, targets: byHypervisor(touched), at: now,
      });
      appends.push({ streamId: operationId, streamType: StreamTypes.operation, expectedVersion: 'no-stream', events: opEvents });
    }
    const result = await this.append(tenant, as, appends);
    return { version: result.streams[0].version, operationId };
  }

  private async vpcFacts(vpcId: string): Promise<VpcFacts> {
    const m = this.db.manager;
    const [groups, instances] = await Promise.all([groupsOfVpc(m, vpcId), instancesOfVpc(m, vpcId)]);
    return {
      groups,
      instances,
      groupIds: groups.map((g) => g.id),
      // Any live instance, as the API looks them up: one of another VPC is the domain's to refuse.
      instanceFacts: async (ids) => {
        const facts: Record<string, InstanceFacts> = {};
        for (const i of await findInstances(m, ids, null)) facts[i.id] = { vpcId: i.vpcId, groupCount: i.vpcId === vpcId ? attachmentsOf(i, groups).length : 0 };
        return facts;
      },
    };
  }

  private append(tenant: string, as: As, appends: AppendRequest[]) {
    return this.store.appendToStreams(appends, metadataOf(as.tenant ?? tenant, as));
  }
}

interface VpcFacts {
  groups: Awaited<ReturnType<typeof groupsOfVpc>>;
  instances: Awaited<ReturnType<typeof instancesOfVpc>>;
  groupIds: string[];
  instanceFacts(ids: readonly string[]): Promise<Record<string, InstanceFacts>>;
}

function metadataOf(tenant: string, as: As): EventMetadata {
  return {
    actor: as.actor ?? `${tenant}/member#fixture`,
    tenant,
    requestId: as.requestId ?? randomUUID(),
    ...(as.idempotencyKey && { idempotencyKey: as.idempotencyKey }),
  };
}

/** Steps for `advanceOperation`, in the worker's words. */
export const progress = {
  started: () => (operationId: string, at: string): OperationEvent => ({ type: OperationEventTypes.Started, data: { operationId, at } }),
  attemptFailed: (hypervisorId: string, attempt: number, error: string) => (operationId: string, at: string): OperationEvent => ({
    type: OperationEventTypes.TargetAttemptFailed,
    data: { operationId, hypervisorId, attempt, error, nextAttemptAt: null, at },
  }),
  targetSucceeded: (hypervisorId: string, appliedRevision: number, attempts = 1) => (operationId: string, at: string): OperationEvent => ({
    type: OperationEventTypes.TargetSucceeded,
    data: { operationId, hypervisorId, attempts, appliedRevision, at },
  }),
  targetFailed: (hypervisorId: string, error: string, attempts = 5) => (operationId: string, at: string): OperationEvent => ({
    type: OperationEventTypes.TargetFailed,
    data: { operationId, hypervisorId, attempts, error, at },
  }),
  succeeded: () => (operationId: string, at: string): OperationEvent => ({ type: OperationEventTypes.Succeeded, data: { operationId, at } }),
  failed: () => (operationId: string, at: string): OperationEvent => ({ type: OperationEventTypes.Failed, data: { operationId, at } }),
  retryRequested: (hypervisorIds: string[]) => (operationId: string, at: string): OperationEvent => ({
    type: OperationEventTypes.RetryRequested,
    data: { operationId, hypervisorIds, actor: 'ops/operator#fixture', at },
  }),
};
