import { decideSecurityGroup, initialSecurityGroupState, SecurityGroupEventTypes as T } from '@sg/domain';
import { context, groupWritePath, NOW, seedGroup } from '../../testing/group-write-path';
import { groupCommandContext } from './group-changes';

const vpc = { id: 'vpc-1', tenant: 'demo', name: 'ml', cidr: null, defaultSecurityGroupId: 'sg-default', conventions: 'product' as const, version: 1, createdAt: NOW, updatedAt: NOW };

describe('GroupChanges: the way into the write path for every security-group command', () => {
  it('creates a group from the empty stream, deciding on its VPC\'s facts', async () => {
    const path = groupWritePath();
    await seedGroup(path, 'sg-taken');
    const written = await path.changes.create(context(), 'sg-new', async () => vpc, (found, facts, now) => ({
      events: decideSecurityGroup(
        { type: 'CreateSecurityGroup', groupId: 'sg-new', vpcId: found.id, tenant: found.tenant, name: 'web', description: '', tags: {}, rules: [], applyTo: { instanceIds: [], cidrs: [] }, existingNamesInVpc: facts.otherNames, groupIdsInVpc: facts.groupIds, instances: {} },
        initialSecurityGroupState(),
        groupCommandContext(now, { rulesPerGroup: 10, groupsPerInstance: 5, groupsPerVpc: 10, addressesPerRequest: 10, stateEntriesPerHypervisor: 10_000 }),
      ),
    }));
    expect(written).toMatchObject({ replayed: false, outcome: { groupId: 'sg-new', version: 1, group: { name: 'web' }, operation: { status: 'succeeded' } } });
    expect((await path.store.readStream('sg-new')).map((e) => e.type)).toEqual([T.Created]);
  });

  it('hands changes of an existing group to group commit, and refuses an id no group can have', async () => {
    const path = groupWritePath();
    await seedGroup(path, 'sg-1');
    const decide = () => ({ events: [] });
    await expect(path.changes.change(context(), 'sg-1', decide)).resolves.toMatchObject({ replayed: false, outcome: { groupId: 'sg-1', version: 1 } });
    await expect(path.changes.change(context(), 'sg-\u0000', decide)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a repeated key gets the stored answer of its face, without deciding again', async () => {
    const path = groupWritePath();
    await seedGroup(path, 'sg-1');
    let decided = 0;
    const decide = () => {
      decided++;
      return { events: [] };
    };
    const first = await path.changes.change(context({ idempotencyKey: 'k-1' }), 'sg-1', decide);
    const again = await path.changes.change(context({ idempotencyKey: 'k-1' }), 'sg-1', decide);
    expect(first).toMatchObject({ replayed: false });
    expect(again).toEqual({ replayed: true, answer: { version: 1 } });
    expect(decided).toBe(1);
    await expect(path.changes.change(context({ idempotencyKey: 'k-1', requestId: 'req-other' }), 'sg-1', decide)).rejects.toMatchObject({ name: 'IdempotencyKeyReusedError', key: 'k-1' });
  });
});
