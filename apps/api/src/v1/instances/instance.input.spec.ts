import { parseMoveInstanceInput, parseRegisterInstanceInput } from './instance.input';

describe('instance input', () => {
  it('canonicalises addresses', () => {
    expect(parseRegisterInstanceInput({ name: 'a', vpcId: 'vpc-1', hypervisorId: 'hv-1', ipv6: '2001:DB8:0:0::1' })).toEqual({ name: 'a', vpcId: 'vpc-1', hypervisorId: 'hv-1', ipv4: null, ipv6: '2001:db8::1' });
  });

  it('lists every bad field', () => {
    try {
      parseRegisterInstanceInput({ name: '', vpcId: 5, hypervisorId: 'hv 1', ipv4: '2001:db8::1', ipv6: '10.0.0.1', extra: true });
      throw new Error('accepted');
    } catch (e) {
      expect((e as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(['extra', 'hypervisorId', 'ipv4', 'ipv6', 'name', 'vpcId']);
    }
  });

  it('a move needs a hypervisor id', () => {
    expect(parseMoveInstanceInput({ hypervisorId: 'hv-2' })).toEqual({ hypervisorId: 'hv-2' });
    expect(() => parseMoveInstanceInput({})).toThrow(expect.objectContaining({ code: 'validation-failed' }));
  });
});
