const base = require('./jest.base.config');
/**
 * Tier 4: real packets. Network namespaces, nftables and conntrack of this machine (root); each
 * file builds its own hypervisor and VMs under unique names. The API test also needs Postgres and
 * Redis, like the e2e tier.
 */
module.exports = {
  ...base,
  displayName: 'enforcement',
  testMatch: ['<rootDir>/test/enforcement/**/*.enforcement-spec.ts'],
  forceExit: true,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 120000,
};
