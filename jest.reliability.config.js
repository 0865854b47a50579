const base = require('./jest.base.config');
/**
 * Tier 6: the fault suite (docs/reliability.md "Faults"). Started processes under load while
 * Postgres, Redis, the worker, the API and the agents fail; each file writes its figures to
 * .test-results/reliability/ (scripts/reliability-table.mjs renders them). One file at a time:
 * each holds a load the 2-core CI machine must serve alone.
 */
module.exports = {
  ...base,
  displayName: 'reliability',
  testMatch: ['<rootDir>/test/reliability/**/*.reliability-spec.ts'],
  maxWorkers: 1,
  forceExit: true,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Each scenario sets its own bound; this one only catches a file that hangs in setup.
  testTimeout: 240000,
};
