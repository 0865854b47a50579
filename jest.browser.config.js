const base = require('./jest.base.config');
/** Tier 5: the console in Chromium against the started API, worker and agents. */
module.exports = {
  ...base,
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
  // Each file runs a whole system and a browser: one at a time on a 2-core machine.
  maxWorkers: 1,
  forceExit: true,
  testTimeout: 180000,
};
