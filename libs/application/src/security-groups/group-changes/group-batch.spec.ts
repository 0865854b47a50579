import { decideSecurityGroup, SecurityGroupEventTypes as T } from '@sg/domain';
import type { Decided } from '../../write-path/command-executor';
import type { PendingWrite } from '../../write-path/idempotent-replays';
import { context, groupWritePath, seedGroup } from '../../testing/group-write-path';
import { InMemoryTransaction } from '../../testing/in-memory-event-store';
import type { GroupDecide, GroupWrite } from './group-batch';
import type { GroupChanged } from './group-change-plan';

type Entry = PendingWrite<GroupWrite, GroupChanged>;

const entry = (decide: GroupDecide, options: { withOperation?: boolean; expectedVersion?: number; tenant?: string } = {}): Entry => ({
  item: { context: context({ tenant: options.tenant ?? 'demo' }, options.expectedVersion ?? null), decide, withOperation: options.withOperation ?? true },
  resolve: () => undefined,
  reject: () => undefined,
});

const describeAs = (description: string): GroupDecide => (_group, state, facts, now) => ({
  events: decideSecurityGroup({ type: 'UpdateSecurityGroup', description, existingNamesInVpc: facts.otherNames }, state, { now, newRuleId: () => 'sgr-x', limits: { rulesPerGroup: 10, groupsPerInstance: 5, groupsPerVpc: 10, addressesPerRequest: 10, stateEntriesPerHypervisor: 10_000 } }),
});
const remove: GroupDecide = (_group, state, _facts, now) => ({
  events: decideSecurityGroup({ type: 'DeleteSecurityGroup', referencedByGroupIds: [] }, state, { now, newRuleId: () => 'sgr-x', limits: { rulesPerGroup: 10, groupsPerInstance: 5, groupsPerVpc: 10, addressesPerRequest: 10, stateEntriesPerHypervisor: 10_000 } }),
});

const planned = (decided: Decided<GroupChanged>) => ('plan' in decided ? decided.plan : null);
const refused = (decided: Decided<GroupChanged>) => ('error' in decided ? decided.error : null);

describe('GroupBatchDecider: one batch of changes to one group, on one load', () => {
  it('decides each change on the state the ones before it leave, at the versions they leave', async () => {
    const path = groupWritePath();
    await seedGroup(path, 'sg-1');
    const decided = await path.decider.decide('sg-1', [entry(describeAs('one')), entry(describeAs('two'))]);
    expect(decided.map((d) => planned(d)?.appends[0].expectedVersion)).toEqual([1, 2]);
    expect(decided.map((d) => planned(d)?.appends[0].events.map((e) => e.data))).toEqual([
      [expect.objectContaining({ description: 'one' })],
      [expect.objectContaining({ description: 'two' })],
    ]);
  });

  it('reads the group and its VPC once for the whole batch', async () => {
    const path = groupWritePath();
    await seedGroup(path, 'sg-1');
    await path.decider.decide('sg-1', [entry(describeAs('a')), entry(describeAs('b')), entry(describeAs('c'))]);
    expect(path.reads.snapshotReads).toEqual([{ vpcId: 'vpc-1', tx: undefined }]);
  });

  it('a change after the deletion in the same batch finds no group', async () => {
    const path = groupWritePath();
    await seedGroup(path, 'sg-1');
    const decided = await path.decider.decide('sg-1', [entry(remove), entry(describeAs('late'))]);
    expect(planned(decided[0])?.appends[0].events.map((e) => e.type)).toEqual([T.Deleted]);
    expect(refused(decided[1])).toMatchObject({ code: 'not-found', message: 'no security group sg-1' });
  });

  it('refuses, each on its own, a stale expected version and another tenant\'s caller, and decides the rest', async () => {
    const path = groupWritePath();
    await seedGroup(path, 'sg-1');
    const decided = await path.decider.decide('sg-1', [entry(describeAs('a'), { expectedVersion: 7 }), entry(describeAs('b'), { tenant: 'acme' }), entry(describeAs('c'), { expectedVersion: 1 })]);
    expect(refused(decided[0])).toMatchObject({ name: 'VersionMismatchError', expected: 7, actual: 1 });
    expect(refused(decided[1])).toMatchObject({ code: 'not-found' });
    expect(planned(decided[2])?.appends[0].expectedVersion).toBe(1);
  });

  it('an edit that opens no operation shows the latest operation before it, read once per batch', async () => {
    const path = groupWritePath();
    await seedGroup(path, 'sg-1');
    path.reads.latestStatus.set('sg-1', 'failed');
    const decided = await path.decider.decide('sg-1', [entry(describeAs('a'), { withOperation: false }), entry(describeAs('b'), { withOperation: false })]);
    expect(path.reads.latestStatusReads).toBe(1);
    // Each plan appends the group's events only: no operation stream.
    expect(decided.map((d) => planned(d)?.appends.length)).toEqual([1, 1]);
  });

  it('an edit after a change of the same batch shows that change\'s operation, not an older one', async () => {
    const path = groupWritePath();
    await seedGroup(path, 'sg-1');
    path.reads.latestStatus.set('sg-1', 'failed');
    const decided = await path.decider.decide('sg-1', [entry(describeAs('with an operation')), entry(describeAs('without'), { withOperation: false })]);
    // The first change reaches no instance: its operation succeeds at once, and the edit after it follows it.
    const second = planned(decided[1])!;
    await expect(second.outcome(new InMemoryTransaction(), { events: [], streams: [] })).resolves.toMatchObject({ latestOperation: 'succeeded' });
    expect(path.reads.latestStatusReads).toBe(0);
  });
});
