const base = require('./jest.base.config');
/** Tier 2: real Postgres and Redis of the machine; a database per test file. */
module.exports = {
  ...base,
  displayName: 'integration',
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  // Started apps, agents and Redis clients are closed by each file's afterAll; forceExit is the
  // backstop so a handle left open by a failing test cannot keep the run alive.
  forceExit: true,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
};
