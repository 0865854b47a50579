import { checkAddressQuota, DomainError } from '@sg/domain';
import { countRuleInputAddresses } from './address-count';
import { parseReplaceRulesInput } from '../security-group.input';

describe('addresses in one request', () => {
  it('counts a list remote as its length and any other rule input as one', () => {
    const rules = [
      { direction: 'inbound', preset: 'SSH', remote: 'my-ip' },
      { direction: 'inbound', preset: 'SSH', remote: ['203.0.113.7', '198.51.100.0/24', '2001:db8::/32'] },
      { direction: 'inbound', preset: 'SSH', ipVersion: 'IPv4', remote: { group: 'sg-1' } },
      { direction: 'inbound', preset: 'HTTP' },
    ];
    expect(countRuleInputAddresses({ rules }, ['rules'])).toBe(6);
    expect(countRuleInputAddresses({ inboundRules: rules.slice(0, 2), outboundRules: rules.slice(2) }, ['inboundRules', 'outboundRules'])).toBe(6);
  });

  it('ignores what is not a list of objects (the parser reports it)', () => {
    for (const body of [undefined, null, 'rules', [{ remote: 'a' }], { rules: { remote: ['a'] } }, { rules: [null, 7, ['x'], 'y'] }]) {
      expect(countRuleInputAddresses(body, ['rules'])).toBe(0);
    }
    expect(countRuleInputAddresses({ other: [{ remote: 'a' }] }, ['rules'])).toBe(0);
  });

  it('never counts fewer than the parser, so the parser\'s own limit is never the one met', () => {
    const inboundRules = [{ preset: 'HTTP' }, { preset: 'SSH', ipVersion: 'IPv4', remote: { group: 'sg-1' } }];
    const outboundRules = [{ preset: 'SSH', remote: ['203.0.113.7', '203.0.113.8'] }, { protocol: 'all', remote: 'all-ipv6' }];
    const body = { inboundRules, outboundRules };
    expect(() => parseReplaceRulesInput(body, { callerIp: null, maxAddresses: countRuleInputAddresses(body, ['inboundRules', 'outboundRules']) })).not.toThrow();
  });

  it('is a quota, passed only above the limit', () => {
    expect(() => checkAddressQuota(1000, 1000)).not.toThrow();
    let error: unknown;
    try {
      checkAddressQuota(1001, 1000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'quota-exceeded', message: expect.stringMatching(/at most 1000 addresses; this one names 1001/) });
  });
});
