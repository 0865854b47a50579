const base = require('./jest.base.config');
/** Tier 3: started apps over real HTTP. */
module.exports = {
  ...base,
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  // Started apps, agents and Redis clients are closed by each file's afterAll; forceExit is the
  // backstop so a handle left open by a failing test cannot keep the run alive.
  forceExit: true,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 120000,
};
