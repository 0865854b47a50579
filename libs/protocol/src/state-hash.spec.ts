import { canonicalJson, EMPTY_STATE_HASH, stateHash } from './state-hash';
import type { StatePort } from './desired-state';

const port = (over: Partial<StatePort> = {}): StatePort => ({ instanceId: 'i-1', vpcId: 'vpc-1', ipv4: '10.0.0.5', ipv6: null, groups: [], ...over });

describe('stateHash', () => {
  it('does not depend on the order of object keys', () => {
    const a = port();
    const b = { groups: [], ipv6: null, ipv4: '10.0.0.5', vpcId: 'vpc-1', instanceId: 'i-1' } as StatePort;
    expect(stateHash([a])).toBe(stateHash([b]));
  });

  it('changes with any value, and with the order of ports', () => {
    const one = port();
    const two = port({ instanceId: 'i-2', ipv4: '10.0.0.6' });
    expect(stateHash([one])).not.toBe(stateHash([port({ ipv4: '10.0.0.7' })]));
    expect(stateHash([one, two])).not.toBe(stateHash([two, one]));
  });

  it('tells a null from a missing member, and hashes the empty state to a constant', () => {
    expect(canonicalJson({ a: null })).toBe('{"a":null}');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(EMPTY_STATE_HASH).toBe(stateHash([]));
    expect(EMPTY_STATE_HASH).toMatch(/^[0-9a-f]{64}$/);
  });
});
