import { decideSecurityGroup } from '@sg/domain';
import { context, groupWritePath, seedGroup } from '../../testing/group-write-path';
import type { GroupDecide } from './group-batch';

const describeAs =
  (description: string): GroupDecide =>
  (_group, state, facts, now) => ({
    events: decideSecurityGroup({ type: 'UpdateSecurityGroup', description, existingNamesInVpc: facts.otherNames }, state, { now, newRuleId: () => 'sgr-x', limits: { rulesPerGroup: 10, groupsPerInstance: 5, groupsPerVpc: 10, addressesPerRequest: 10, stateEntriesPerHypervisor: 10_000 } }),
  });

describe('GroupCommit: changes that arrive while a group\'s transaction runs are committed together', () => {
  it('runs the first change alone, then everything that queued meanwhile as one append, in arrival order', async () => {
    const path = groupWritePath();
    await seedGroup(path, 'sg-1');
    const before = path.store.batches.length;
    const written = await Promise.all(['a', 'b', 'c', 'd'].map((d, i) => path.commit.submit('sg-1', { context: context({ requestId: `req-${d}` }), decide: describeAs(d), withOperation: i % 2 === 0 })));
    expect(path.store.batches.slice(before)).toEqual([1, 3]);
    expect(written.map((w) => !w.replayed && w.outcome.version)).toEqual([2, 3, 4, 5]);
    const stream = await path.store.readStream('sg-1');
    expect(stream.slice(1).map((e) => [e.metadata.requestId, (e.data as { description: string }).description])).toEqual([
      ['req-a', 'a'],
      ['req-b', 'b'],
      ['req-c', 'c'],
      ['req-d', 'd'],
    ]);
  });

  it('keeps groups apart: changes to two groups are two appends, neither waiting for the other', async () => {
    const path = groupWritePath();
    await seedGroup(path, 'sg-1');
    await seedGroup(path, 'sg-2');
    const before = path.store.batches.length;
    await Promise.all([path.commit.submit('sg-1', { context: context(), decide: describeAs('x'), withOperation: false }), path.commit.submit('sg-2', { context: context(), decide: describeAs('y'), withOperation: false })]);
    expect(path.store.batches.slice(before)).toEqual([1, 1]);
  });
});
