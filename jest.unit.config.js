const base = require('./jest.base.config');
/** Tier 1: pure, fast tests beside the code. */
module.exports = { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] };
