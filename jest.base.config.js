// Shared Jest settings. NestJS 12 ships ESM only, so everything (ours and @nestjs/*) goes through swc.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|file-type|strtok3|token-types|@tokenizer|load-esm)/)'],
  moduleNameMapper: {
    '^@sg/domain$': '<rootDir>/libs/domain/src',
    '^@sg/domain/(.*)$': '<rootDir>/libs/domain/src/$1',
    '^@sg/application$': '<rootDir>/libs/application/src',
    '^@sg/application/(.*)$': '<rootDir>/libs/application/src/$1',
    '^@sg/infra$': '<rootDir>/libs/infra/src',
    '^@sg/infra/(.*)$': '<rootDir>/libs/infra/src/$1',
    '^@sg/config$': '<rootDir>/libs/config/src',
    '^@sg/config/(.*)$': '<rootDir>/libs/config/src/$1',
    '^@sg/protocol$': '<rootDir>/libs/protocol/src',
    '^@sg/protocol/(.*)$': '<rootDir>/libs/protocol/src/$1',
    '^@sg/observability$': '<rootDir>/libs/observability/src',
    '^@sg/observability/(.*)$': '<rootDir>/libs/observability/src/$1',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
