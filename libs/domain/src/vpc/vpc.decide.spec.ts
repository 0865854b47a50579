import { scenario } from '../testing/scenario';
import { decideVpc, VpcCommand } from './vpc.decide';
import { VpcEvent, VpcEventTypes as T } from './vpc.events';
import { evolveVpc, initialVpcState, VpcState } from './vpc.state';
import { parseCreateVpcInput } from './vpc.input';

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

describe('vpc input', () => {
  it('takes a name and an optional CIDR, clearing host bits with a warning', () => {
    expect(parseCreateVpcInput({ name: 'ml' })).toEqual({ name: 'ml', cidr: null, warnings: [] });
    const parsed = parseCreateVpcInput({ name: 'ml', cidr: '10.0.3.4/16' });
    expect(parsed.cidr).toBe('10.0.0.0/16');
    expect(parsed.warnings[0]).toMatch(/host bits/);
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(256) }, 'name'],
    [{ name: 7 }, 'name'],
    [{ name: 'ml', cidr: '10.0.0.0/33' }, 'cidr'],
    [{ name: 'ml', cidr: 10 }, 'cidr'],
    [{ name: 'ml', colour: 'red' }, 'colour'],
    [[], ''],
    [null, ''],
  ])('rejects %j naming %s', (body, path) => {
    expect(() => parseCreateVpcInput(body)).toThrow(expect.objectContaining({ code: 'validation-failed', issues: expect.arrayContaining([expect.objectContaining({ path })]) }));
  });
});
