import { checkQuotas, decideResetQuotas, decideSetQuotas, DEFAULT_QUOTAS, effectiveQuotas, evolveQuota, initialQuotaState, QuotaState } from './quota';

const NOW = '2026-12-02T10:00:00.000Z';
const replay = (events: ReturnType<typeof decideSetQuotas>, from: QuotaState = initialQuotaState()) => events.reduce(evolveQuota, from);

describe('project quotas', () => {
  it('default to Neutron\'s 10 groups and 100 rules; set values replace theirs, a reset goes back', () => {
    expect(effectiveQuotas(null)).toEqual(DEFAULT_QUOTAS);
    const set = replay(decideSetQuotas('demo', { securityGroups: 0 }, NOW));
    expect(effectiveQuotas(set)).toEqual({ securityGroups: 0, securityGroupRules: 100 });
    const both = replay(decideSetQuotas('demo', { securityGroupRules: -1 }, NOW), set);
    expect(effectiveQuotas(both)).toEqual({ securityGroups: 0, securityGroupRules: -1 });
    expect(effectiveQuotas(replay(decideResetQuotas('demo', NOW), both))).toEqual(DEFAULT_QUOTAS);
  });

  it.each([-2, 2147483648, 1.5, NaN])('refuses %p', (value) => {
    expect(() => decideSetQuotas('demo', { securityGroups: value }, NOW)).toThrow('a quota is an integer from -1 (unlimited) to 2147483647');
  });

  it('refuses growth past a quota (-1: none), never a quota below what is used', () => {
    const quotas = { securityGroups: 2, securityGroupRules: 5 };
    expect(() => checkQuotas(quotas, { securityGroups: 1, securityGroupRules: 2 }, { securityGroups: 1, securityGroupRules: 2 })).not.toThrow();
    expect(() => checkQuotas(quotas, { securityGroups: 2, securityGroupRules: 2 }, { securityGroups: 1, securityGroupRules: 2 })).toThrow("Quota exceeded for resources: ['security_group'].");
    expect(() => checkQuotas(quotas, { securityGroups: 1, securityGroupRules: 4 }, { securityGroups: 1, securityGroupRules: 2 })).toThrow("['security_group_rule']");
    expect(() => checkQuotas({ securityGroups: -1, securityGroupRules: -1 }, { securityGroups: 99, securityGroupRules: 999 }, { securityGroups: 1, securityGroupRules: 2 })).not.toThrow();
    // Over the quota already (it was lowered): removing stays possible, adding nothing is no growth.
    expect(() => checkQuotas(quotas, { securityGroups: 9, securityGroupRules: 9 }, { securityGroups: 0, securityGroupRules: 0 })).not.toThrow();
  });
});
