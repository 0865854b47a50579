import { scenario } from '../testing/scenario';
import { decideInstance, InstanceCommand, RegisterInstance } from './instance.decide';
import { InstanceEvent, InstanceEventTypes as T } from './instance.events';
import { evolveInstance, InstanceState, initialInstanceState, rebuildInstance } from './instance.state';

const now = '2026-11-27T10:00:00.000Z';
const given = scenario({ decide: (c: InstanceCommand, s: InstanceState) => decideInstance(c, s, now), evolve: evolveInstance, initialState: initialInstanceState });
const register: RegisterInstance = {
  type: 'RegisterInstance', instanceId: 'i-1', tenant: 'demo', name: 'gpu-1', hypervisorId: 'hv-1', ipv4: '10.0.1.5', ipv6: null,
  vpc: { id: 'vpc-1', cidr: '10.0.0.0/16' }, addressesInUse: ['10.0.1.6'],
};
const registered: InstanceEvent = { type: T.Registered, data: { instanceId: 'i-1', tenant: 'demo', vpcId: 'vpc-1', hypervisorId: 'hv-1', name: 'gpu-1', ipv4: '10.0.1.5', ipv6: null, at: now } };

describe('instance', () => {
  it('is registered on a hypervisor', () => {
    given([]).when(register).then([registered]);
  });

  it('must have its IPv4 address inside the VPC range', () => {
    const err = given([]).when({ ...register, ipv4: '192.168.0.5' }).thenThrows('validation-failed');
    expect(err.issues[0].path).toBe('ipv4');
  });

  it('cannot hold the network or the broadcast address of the VPC\'s IPv4 range', () => {
    const network = given([]).when({ ...register, ipv4: '10.0.0.0' }).thenThrows('validation-failed');
    expect(network.issues).toEqual([{ path: 'ipv4', message: "10.0.0.0 is the network address of the VPC's range 10.0.0.0/16, not an instance's" }]);
    const broadcast = given([]).when({ ...register, ipv4: '10.0.255.255' }).thenThrows('validation-failed');
    expect(broadcast.issues).toEqual([{ path: 'ipv4', message: "10.0.255.255 is the broadcast address of the VPC's range 10.0.0.0/16, not an instance's" }]);
    // Every address between them is a host's, the first and the last included.
    given([]).when({ ...register, ipv4: '10.0.0.1', addressesInUse: [] }).then([{ ...registered, data: { ...registered.data, ipv4: '10.0.0.1' } }] as InstanceEvent[]);
    given([]).when({ ...register, ipv4: '10.0.255.254', addressesInUse: [] }).then([{ ...registered, data: { ...registered.data, ipv4: '10.0.255.254' } }] as InstanceEvent[]);
    // 10.0.1.0 is a host address of a /16 (no subnet is carved out of the VPC's range).
    given([]).when({ ...register, ipv4: '10.0.1.0', addressesInUse: [] }).then([{ ...registered, data: { ...registered.data, ipv4: '10.0.1.0' } }] as InstanceEvent[]);
  });

  it('cannot take an address another instance of the VPC has', () => {
    given([]).when({ ...register, ipv4: '10.0.1.6' }).thenThrows('conflict', /10\.0\.1\.6/);
  });

  it('moves to another hypervisor, recording both; moving to where it is changes nothing', () => {
    given([registered]).when({ type: 'MoveInstance', hypervisorId: 'hv-2' }).then([{ type: T.Moved, data: { instanceId: 'i-1', fromHypervisorId: 'hv-1', toHypervisorId: 'hv-2', at: now } }]);
    given([registered]).when({ type: 'MoveInstance', hypervisorId: 'hv-1' }).then([]);
  });

  it('is deleted, and then is gone', () => {
    const events = given([registered]).when({ type: 'DeleteInstance' }).thenEvents();
    expect(rebuildInstance([registered, ...events]).status).toBe('deleted');
    given([registered, ...events]).when({ type: 'MoveInstance', hypervisorId: 'hv-2' }).thenThrows('not-found');
  });
});
