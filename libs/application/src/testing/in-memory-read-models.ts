import type { OperationStatus } from '@sg/domain';
import type { Transaction } from '../ports/event-store.port';
import { type InstanceFilter, InstanceReadModel, type InstanceRecord, type StateEntriesOptions } from '../ports/read-models/instances.read-model';
import { type OperationFilter, OperationReadModel, type OperationRecord, type OperationStateRecord } from '../ports/read-models/operations.read-model';
import type { Page, PageRequest } from '../ports/read-models/page';
import { type GroupFilter, type GroupRecord, SecurityGroupReadModel } from '../ports/read-models/security-groups.read-model';
import { VpcReadModel, type VpcRecord } from '../ports/read-models/vpcs.read-model';
import { QuotaReadModel, type QuotaUsage } from '../ports/read-models/quotas.read-model';
import { type QuotaState, stateEntriesByHypervisor } from '@sg/domain';

const unused = (what: string) => Promise.reject(new Error(`${what} is not used by this test`));

/** What the read models hold, set by a test; reads record whether they ran in a transaction. */
export class InMemoryReads {
  groups: GroupRecord[] = [];
  instances: InstanceRecord[] = [];
  vpcs: VpcRecord[] = [];
  latestStatus = new Map<string, OperationStatus>();
  /** Every read of a VPC's snapshot, with the transaction it ran in. */
  readonly snapshotReads: { vpcId: string; tx?: Transaction }[] = [];
  readonly locks: { vpcId: string; tx: Transaction }[] = [];
  latestStatusReads = 0;
  quotas = new Map<string, QuotaState>();
  readonly quotaLocks: { tenant: string; tx: Transaction }[] = [];
  readonly budgetLocks: { tenant: string; tx: Transaction }[] = [];
}

/** Quotas as a test sets them; the usage counts the project (neutron) groups held in `groups`. */
export class InMemoryQuotaReadModel extends QuotaReadModel {
  constructor(private readonly reads: InMemoryReads) {
    super();
  }
  async find(tenant: string): Promise<QuotaState | null> {
    return this.reads.quotas.get(tenant) ?? null;
  }
  async usage(tenant: string): Promise<QuotaUsage> {
    const groups = this.reads.groups.filter((g) => g.tenant === tenant && g.conventions === 'neutron');
    return { securityGroups: groups.length, securityGroupRules: groups.reduce((n, g) => n + g.rules.length, 0) };
  }
  async lock(tx: Transaction, tenant: string): Promise<void> {
    this.reads.quotaLocks.push({ tenant, tx });
  }
}

export class InMemorySecurityGroupReadModel extends SecurityGroupReadModel {
  constructor(private readonly reads: InMemoryReads) {
    super();
  }
  async find(id: string, tenant: string | null): Promise<GroupRecord | null> {
    return this.reads.groups.find((g) => g.id === id && (tenant === null || g.tenant === tenant)) ?? null;
  }
  list(_filter: GroupFilter, _page: PageRequest): Promise<Page<GroupRecord>> {
    return unused('list');
  }
  async ofVpc(vpcId: string): Promise<GroupRecord[]> {
    return this.reads.groups.filter((g) => g.vpcId === vpcId);
  }
  async ofVpcForChanges(vpcId: string, tx?: Transaction): Promise<GroupRecord[]> {
    this.reads.snapshotReads.push({ vpcId, tx });
    return this.reads.groups.filter((g) => g.vpcId === vpcId);
  }
  async referencing(groupId: string): Promise<string[]> {
    return this.reads.groups.filter((g) => g.id !== groupId && g.rules.some((r) => r.remoteGroupId === groupId)).map((g) => g.id);
  }
  async groupIdOfRule(ruleId: string): Promise<string | null> {
    return this.reads.groups.find((g) => g.rules.some((r) => r.id === ruleId))?.id ?? null;
  }
}

export class InMemoryInstanceReadModel extends InstanceReadModel {
  constructor(private readonly reads: InMemoryReads) {
    super();
  }
  async find(id: string, tenant: string | null): Promise<InstanceRecord | null> {
    return (await this.findMany([id], tenant))[0] ?? null;
  }
  async findMany(ids: readonly string[], tenant: string | null): Promise<InstanceRecord[]> {
    return this.reads.instances.filter((i) => ids.includes(i.id) && (tenant === null || i.tenant === tenant));
  }
  list(_filter: InstanceFilter, _page: PageRequest): Promise<Page<InstanceRecord>> {
    return unused('list');
  }
  async ofVpc(vpcId: string): Promise<InstanceRecord[]> {
    return this.reads.instances.filter((i) => i.vpcId === vpcId);
  }
  async onHypervisor(hypervisorId: string): Promise<InstanceRecord[]> {
    return this.reads.instances.filter((i) => i.hypervisorId === hypervisorId);
  }
  async stateEntriesOfTenant(tenant: string, options: StateEntriesOptions = {}): Promise<Map<string, number>> {
    if (options.lock && options.tx) this.reads.budgetLocks.push({ tenant, tx: options.tx });
    const all = stateEntriesByHypervisor(this.reads.groups.filter((g) => g.tenant === tenant), this.reads.instances.filter((i) => i.tenant === tenant));
    const scope = options.hypervisors;
    return scope === undefined ? all : new Map([...all].filter(([hv]) => scope.includes(hv)));
  }
}

export class InMemoryVpcReadModel extends VpcReadModel {
  constructor(private readonly reads: InMemoryReads) {
    super();
  }
  async find(id: string, tenant: string | null): Promise<VpcRecord | null> {
    return this.reads.vpcs.find((v) => v.id === id && (tenant === null || v.tenant === tenant)) ?? null;
  }
  list(): Promise<Page<VpcRecord>> {
    return unused('list');
  }
  async projectVpc(tenant: string): Promise<VpcRecord | null> {
    return this.reads.vpcs.find((v) => v.tenant === tenant && v.conventions === 'neutron') ?? null;
  }
  async contents(vpcId: string): Promise<{ instances: number; nonDefaultGroups: number }> {
    return { instances: this.reads.instances.filter((i) => i.vpcId === vpcId).length, nonDefaultGroups: this.reads.groups.filter((g) => g.vpcId === vpcId && !g.isDefault).length };
  }
  async lockLimits(tx: Transaction, vpcId: string): Promise<void> {
    this.reads.locks.push({ vpcId, tx });
  }
}

export class InMemoryOperationReadModel extends OperationReadModel {
  constructor(private readonly reads: InMemoryReads) {
    super();
  }
  find(): Promise<OperationRecord | null> {
    return unused('find');
  }
  list(_filter: OperationFilter, _page: PageRequest): Promise<Page<OperationRecord>> {
    return unused('list');
  }
  async latestStatus(resourceIds: readonly string[]): Promise<Map<string, OperationStatus>> {
    this.reads.latestStatusReads++;
    return new Map([...this.reads.latestStatus].filter(([id]) => resourceIds.includes(id)));
  }
  latestIdAsOf(): Promise<string | null> {
    return unused('latestIdAsOf');
  }
  waitingOn(): Promise<string[]> {
    return unused('waitingOn');
  }
  hypervisorsWithStaleTargets(): Promise<string[]> {
    return unused('hypervisorsWithStaleTargets');
  }
  failedOn(): Promise<string[]> {
    return unused('failedOn');
  }
  hypervisorsWithFailedTargets(): Promise<string[]> {
    return unused('hypervisorsWithFailedTargets');
  }
  states(): Promise<OperationStateRecord[]> {
    return unused('states');
  }
  countByStatus(): Promise<Map<OperationStatus, number>> {
    return unused('countByStatus');
  }
  requestIdsOf(): Promise<Map<string, string[]>> {
    return unused('requestIdsOf');
  }
}
