import { scenario } from '../testing/scenario';
import { decideVpc, VpcCommand } from './vpc.decide';
import { VpcEvent, VpcEventTypes as T } from './vpc.events';
import { evolveVpc, initialVpcState, VpcState } from './vpc.state';

const now = '2026-11-27T10:00:00.000Z';
const given = scenario({ decide: (c: VpcCommand, s: VpcState) => decideVpc(c, s, now), evolve: evolveVpc, initialState: initialVpcState });
const created: VpcEvent = { type: T.Created, data: { vpcId: 'vpc-1', tenant: 'demo', name: 'ml', cidr: '10.0.0.0/16', defaultSecurityGroupId: 'sg-def', at: now } };

describe('vpc', () => {
  it('is created naming its default security group', () => {
    given([]).when({ type: 'CreateVpc', vpcId: 'vpc-1', tenant: 'demo', name: 'ml', cidr: '10.0.0.0/16', defaultSecurityGroupId: 'sg-def' }).then([created]);
  });

  it('cannot be deleted while it has instances or non-default groups', () => {
    given([created]).when({ type: 'DeleteVpc', instanceCount: 2, nonDefaultGroupCount: 0 }).thenThrows('conflict', /2 instances/);
    given([created]).when({ type: 'DeleteVpc', instanceCount: 0, nonDefaultGroupCount: 1 }).thenThrows('conflict', /1 security group;/);
  });

  it('is deleted when empty, and then is gone', () => {
    given([created]).when({ type: 'DeleteVpc', instanceCount: 0, nonDefaultGroupCount: 0 }).then([{ type: T.Deleted, data: { vpcId: 'vpc-1', at: now } }]);
    given([created, { type: T.Deleted, data: { vpcId: 'vpc-1', at: now } }]).when({ type: 'DeleteVpc', instanceCount: 0, nonDefaultGroupCount: 0 }).thenThrows('not-found');
  });
});
