import { evolveSecurityGroup, OperationEventTypes, type RuleSpec, type SecurityGroupEvent, SecurityGroupEventTypes as T } from '@sg/domain';
import { InMemoryTransaction } from '../../testing/in-memory-event-store';
import { groupWritePath, instance, NOW, placeInstances, seedGroup } from '../../testing/group-write-path';

const ssh: RuleSpec = { direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remote: '10.0.0.0/8', remoteGroupId: null, description: '' };

describe('GroupChangePlanner: from a decision to the appends, the operation and the outcome', () => {
  it('opens an operation to the hypervisors of the instances the change reaches, in the same append', async () => {
    const path = groupWritePath();
    placeInstances(path, instance('i-a', 'hv-1', '10.0.1.5'), instance('i-b', 'hv-2', '10.0.2.5'), instance('i-c', 'hv-3', '10.0.3.5'));
    const { state } = await seedGroup(path, 'sg-1', [{ type: 'ChangeAppliedTo', mode: 'set', instanceIds: ['i-a', 'i-b'], cidrs: [], instances: { 'i-a': { vpcId: 'vpc-1', groupCount: 0 }, 'i-b': { vpcId: 'vpc-1', groupCount: 0 } } }]);
    const events: SecurityGroupEvent[] = [{ type: T.RulesAdded, data: { groupId: 'sg-1', rules: [{ ...ssh, id: 'sgr-1' }], at: NOW } }];

    const plan = path.planner.plan({ tenant: 'demo', groupId: 'sg-1', expectedVersion: 2, before: state, decision: { events }, vpc: await path.facts.snapshot('vpc-1'), now: NOW, withOperation: true });

    expect(plan.appends[0]).toEqual({ streamId: 'sg-1', streamType: 'security-group', expectedVersion: 2, events });
    const queued = plan.appends[1].events[0];
    expect(queued).toMatchObject({ type: OperationEventTypes.Queued, data: { operationType: T.RulesAdded, resource: { type: 'security-group', id: 'sg-1' } } });
    expect((queued.data as { targets: unknown }).targets).toEqual([{ hypervisorId: 'hv-1', instanceIds: ['i-a'] }, { hypervisorId: 'hv-2', instanceIds: ['i-b'] }]);
    expect(plan.operation).toEqual({ id: plan.appends[1].streamId, status: 'queued' });
    expect(plan.after).toEqual(events.reduce(evolveSecurityGroup, state));
    const outcome = await plan.outcome(new InMemoryTransaction(), { events: [], streams: [] });
    expect(outcome).toMatchObject({ groupId: 'sg-1', version: 3, operation: plan.operation, latestOperation: 'queued' });
    expect(outcome.group?.rules.map((r) => r.id)).toEqual(['sgr-1']);
  });

  it('a change with no event reaches no hypervisor: its operation succeeds at once', async () => {
    const path = groupWritePath();
    placeInstances(path, instance('i-a', 'hv-1', '10.0.1.5'));
    const { state } = await seedGroup(path, 'sg-1', [{ type: 'ChangeAppliedTo', mode: 'set', instanceIds: ['i-a'], cidrs: [], instances: { 'i-a': { vpcId: 'vpc-1', groupCount: 0 } } }]);
    const plan = path.planner.plan({ tenant: 'demo', groupId: 'sg-1', expectedVersion: 2, before: state, decision: { events: [] }, vpc: await path.facts.snapshot('vpc-1'), now: NOW, withOperation: true });
    expect(plan.operation?.status).toBe('succeeded');
    expect(plan.appends[1].events.map((e) => e.type)).toEqual([OperationEventTypes.Queued, OperationEventTypes.Succeeded]);
  });

  it('a metadata edit opens no operation; its outcome shows the latest one before it', async () => {
    const path = groupWritePath();
    const { state } = await seedGroup(path, 'sg-1');
    const events: SecurityGroupEvent[] = [{ type: T.Updated, data: { groupId: 'sg-1', description: 'web', at: NOW } }];
    const plan = path.planner.plan({ tenant: 'demo', groupId: 'sg-1', expectedVersion: 1, before: state, decision: { events }, vpc: await path.facts.snapshot('vpc-1'), now: NOW, withOperation: false, latestBefore: 'failed' });
    expect(plan.appends).toHaveLength(1);
    await expect(plan.outcome(new InMemoryTransaction(), { events: [], streams: [] })).resolves.toMatchObject({ operation: null, latestOperation: 'failed', version: 2 });
  });

  it('a deletion answers with no group', async () => {
    const path = groupWritePath();
    const { state } = await seedGroup(path, 'sg-1');
    const events: SecurityGroupEvent[] = [{ type: T.Deleted, data: { groupId: 'sg-1', detachedInstanceIds: [], detachedCidrs: [], at: NOW } }];
    const plan = path.planner.plan({ tenant: 'demo', groupId: 'sg-1', expectedVersion: 1, before: state, decision: { events }, vpc: await path.facts.snapshot('vpc-1'), now: NOW, withOperation: true });
    await expect(plan.outcome(new InMemoryTransaction(), { events: [], streams: [] })).resolves.toMatchObject({ groupId: 'sg-1', group: null, version: 2 });
  });

  it('rechecks limits inside the transaction: the VPC lock first, then the VPC as read in that transaction', async () => {
    const path = groupWritePath();
    const { state } = await seedGroup(path, 'sg-1');
    const seen: string[] = [];
    const recheck = () => {
      seen.push(`recheck after ${path.reads.locks.length} lock(s)`);
      throw new Error('over the limit now');
    };
    const plan = path.planner.plan({ tenant: 'demo', groupId: 'sg-1', expectedVersion: 1, before: state, decision: { events: [], recheck }, vpc: await path.facts.snapshot('vpc-1'), now: NOW, withOperation: true });
    const tx = new InMemoryTransaction();
    await expect(plan.outcome(tx, { events: [], streams: [] })).rejects.toThrow('over the limit now');
    expect(path.reads.locks).toEqual([{ vpcId: 'vpc-1', tx }]);
    expect(path.reads.snapshotReads.at(-1)).toEqual({ vpcId: 'vpc-1', tx });
    expect(seen).toEqual(['recheck after 1 lock(s)']);
  });

  it('appends other groups\' shares in the same change, at their versions, with one operation to the instances of all', async () => {
    const path = groupWritePath();
    placeInstances(path, instance('i-a', 'hv-1', '10.0.1.5'), instance('i-b', 'hv-2', '10.0.2.5'));
    const { state } = await seedGroup(path, 'sg-1', [{ type: 'ChangeAppliedTo', mode: 'set', instanceIds: ['i-a'], cidrs: [], instances: { 'i-a': { vpcId: 'vpc-1', groupCount: 0 } } }]);
    const other = await seedGroup(path, 'sg-2', [
      { type: 'AddRules', rules: [{ spec: { ...ssh, remote: null, remoteGroupId: 'sg-1' }, sourcePath: 'r' }], groupIdsInVpc: ['sg-1', 'sg-2'] },
      { type: 'ChangeAppliedTo', mode: 'set', instanceIds: ['i-b'], cidrs: [], instances: { 'i-b': { vpcId: 'vpc-1', groupCount: 0 } } },
    ]);
    const ruleId = (other.state as { group: { rules: { id: string }[] } }).group.rules[0].id;
    const removal: SecurityGroupEvent[] = [{ type: T.RulesRemoved, data: { groupId: 'sg-2', ruleIds: [ruleId], at: NOW } }];
    const deletion: SecurityGroupEvent[] = [{ type: T.Deleted, data: { groupId: 'sg-1', detachedInstanceIds: ['i-a'], detachedCidrs: [], at: NOW } }];
    const plan = path.planner.plan({
      tenant: 'demo', groupId: 'sg-1', expectedVersion: 2, before: state, vpc: await path.facts.snapshot('vpc-1'), now: NOW, withOperation: true,
      decision: { events: deletion, others: [{ groupId: 'sg-2', expectedVersion: 3, before: other.state, events: removal }] },
    });
    expect(plan.appends.map((a) => [a.streamId, a.expectedVersion])).toEqual([['sg-1', 2], ['sg-2', 3], [plan.operation!.id, 'no-stream']]);
    expect((plan.appends[2].events[0].data as { targets: unknown }).targets).toEqual([{ hypervisorId: 'hv-1', instanceIds: ['i-a'] }, { hypervisorId: 'hv-2', instanceIds: ['i-b'] }]);
    const outcome = await plan.outcome(new InMemoryTransaction(), { events: [], streams: [] });
    expect(outcome).toMatchObject({ groupId: 'sg-1', group: null, version: 3, others: [{ groupId: 'sg-2', version: 4, group: expect.objectContaining({ rules: [] }) }] });
  });

  it('rechecks the project quotas inside the transaction, under the tenant\'s lock, on the usage the change leaves', async () => {
    const path = groupWritePath();
    const { state } = await seedGroup(path, 'sg-1');
    path.reads.groups = path.reads.groups.map((g) => ({ ...g, conventions: 'neutron' as const, rules: [{ ...ssh, id: 'sgr-1' }, { ...ssh, id: 'sgr-2' }] }));
    path.reads.quotas.set('demo', { securityGroups: null, securityGroupRules: 1 });
    const events: SecurityGroupEvent[] = [{ type: T.RulesAdded, data: { groupId: 'sg-1', rules: [{ ...ssh, id: 'sgr-2' }], at: NOW } }];
    const plan = (adding: number) => path.planner.plan({
      tenant: 'demo', groupId: 'sg-1', expectedVersion: 1, before: state, vpc: { groups: [], instances: [] }, now: NOW, withOperation: true,
      decision: { events, quota: { tenant: 'demo', adding: { securityGroups: 0, securityGroupRules: adding } } },
    });
    const tx = new InMemoryTransaction();
    // Two rules counted, this one included: 1 before it, so a quota of 1 is passed.
    await expect(plan(1).outcome(tx, { events: [], streams: [] })).rejects.toMatchObject({ code: 'quota-exceeded' });
    expect(path.reads.quotaLocks).toEqual([{ tenant: 'demo', tx }]);
    path.reads.quotas.set('demo', { securityGroups: null, securityGroupRules: 2 });
    await expect(plan(1).outcome(tx, { events: [], streams: [] })).resolves.toMatchObject({ groupId: 'sg-1' });
  });

  describe('the state budget, the tenant\'s over all its VPCs', () => {
    const rules = (n: number): SecurityGroupEvent[] => [{ type: T.RulesAdded, data: { groupId: 'sg-1', rules: Array.from({ length: n }, (_, i) => ({ ...ssh, id: `sgr-${i}`, portRange: { from: 1000 + i, to: 1000 + i } })), at: NOW } }];
    const applyTo = (id: string) => [{ type: 'ChangeAppliedTo' as const, mode: 'set' as const, instanceIds: [id], cidrs: [], instances: { [id]: { vpcId: 'vpc-1', groupCount: 0 } } }];

    /** sg-1 on i-a (hv-1, vpc-1), and the same tenant's sg-2 with 3 rules on i-b (hv-1, vpc-2). */
    async function twoVpcs(limit: number) {
      const path = groupWritePath({ stateEntriesPerHypervisor: limit });
      placeInstances(path, instance('i-a', 'hv-1', '10.0.1.5'), instance('i-b', 'hv-1', '10.0.1.5'));
      const { state } = await seedGroup(path, 'sg-1', applyTo('i-a'));
      const other = await seedGroup(path, 'sg-2', [...applyTo('i-b'), { type: 'AddRules', rules: [1, 2, 3].map((i) => ({ spec: { ...ssh, portRange: { from: i, to: i } }, sourcePath: 'rules' })), groupIdsInVpc: ['sg-2'] }]);
      // The other VPC: its group and port moved there in the read models.
      path.reads.groups = path.reads.groups.map((g) => (g.id === 'sg-2' ? { ...other.record, vpcId: 'vpc-2' } : g));
      path.reads.instances = path.reads.instances.map((i) => (i.id === 'i-b' ? { ...i, vpcId: 'vpc-2' } : i));
      return { path, state };
    }
    /** The outcome, with the change written to the read models as the inline projection would. */
    const written = async (path: Awaited<ReturnType<typeof twoVpcs>>['path'], plan: ReturnType<typeof path.planner.plan>) => {
      const after = plan.after.status === 'active' ? plan.after.group : null;
      path.reads.groups = path.reads.groups.map((g) => (g.id === 'sg-1' && after ? { ...g, rules: [...after.rules] } : g));
      return plan.outcome(new InMemoryTransaction(), { events: [], streams: [] });
    };

    it('passes a change that fits the VPC, then refuses it in the transaction, under the tenant\'s lock, when the tenant\'s other VPC fills the budget', async () => {
      const { path, state } = await twoVpcs(6);
      const plan = path.planner.plan({ tenant: 'demo', groupId: 'sg-1', expectedVersion: 2, before: state, decision: { events: rules(4) }, vpc: await path.facts.snapshot('vpc-1'), now: NOW, withOperation: true });
      await expect(written(path, plan)).rejects.toMatchObject({ code: 'quota-exceeded', message: expect.stringContaining('this change puts 7 entries of the tenant in the desired state of hypervisor hv-1') });
      expect(path.reads.budgetLocks.map((l) => l.tenant)).toEqual(['demo']);
    });

    it('lets one that fits the tenant\'s budget through, and takes no lock for a change that grows nothing', async () => {
      const { path, state } = await twoVpcs(7);
      const plan = path.planner.plan({ tenant: 'demo', groupId: 'sg-1', expectedVersion: 2, before: state, decision: { events: rules(4) }, vpc: await path.facts.snapshot('vpc-1'), now: NOW, withOperation: true });
      await expect(written(path, plan)).resolves.toMatchObject({ groupId: 'sg-1' });
      expect(path.reads.budgetLocks).toHaveLength(1);
      const edit: SecurityGroupEvent[] = [{ type: T.Updated, data: { groupId: 'sg-1', description: 'web', at: NOW } }];
      const quiet = path.planner.plan({ tenant: 'demo', groupId: 'sg-1', expectedVersion: 3, before: plan.after, decision: { events: edit }, vpc: await path.facts.snapshot('vpc-1'), now: NOW, withOperation: false });
      await quiet.outcome(new InMemoryTransaction(), { events: [], streams: [] });
      expect(path.reads.budgetLocks).toHaveLength(1);
    });

    it('refuses at once a change that passes the budget within its own VPC', async () => {
      const { path, state } = await twoVpcs(3);
      const vpc = await path.facts.snapshot('vpc-1');
      expect(() => path.planner.plan({ tenant: 'demo', groupId: 'sg-1', expectedVersion: 2, before: state, decision: { events: rules(4) }, vpc, now: NOW, withOperation: true })).toThrow(/stateEntriesPerHypervisor \(3\)/);
    });
  });
});
