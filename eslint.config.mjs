import tseslint from 'typescript-eslint';

const impure = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'bullmq', 'ioredis', 'class-validator', 'class-transformer', 'express', 'node:*'];
// Exact names, not patterns: a pattern 'net' would also match the domain's own net/ folder.
const nodeBuiltins = ['fs', 'net', 'http', 'https', 'child_process', 'dgram', 'os'];
// What an agent on a hypervisor must never load: the control plane's framework, database and queues.
const controlPlaneOnly = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'bullmq', 'ioredis', 'class-validator', 'class-transformer', 'express'];
const infra = ['@sg/infra', '@sg/infra/*', '**/libs/infra/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.config.js', '*.config.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The domain is pure: no framework, no I/O. Everything it needs is passed in.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'libs/domain stays pure: no I/O.' })),
        patterns: [{ group: impure, message: 'libs/domain stays pure: no framework or I/O imports (see STYLE.md).' }, { group: ['@sg/infra', '@sg/infra/*', '**/libs/infra/**', '**/apps/**'], message: 'libs/domain must not depend on infra or apps.' }],
      }],
    },
  },
  {
    // The agent is sealed: it runs on hypervisors and loads no framework, ORM or queue client. What
    // it shares with the worker lives in libs/protocol and libs/config, never in libs/infra.
    files: ['apps/agent/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: infra, message: 'apps/agent must not import libs/infra (it loads TypeORM, pg and BullMQ): use @sg/protocol or @sg/config.' },
          { group: controlPlaneOnly, message: 'apps/agent runs on hypervisors: no NestJS, TypeORM, pg, BullMQ or ioredis.' },
          { group: ['**/apps/api/**', '**/apps/worker/**'], message: 'apps/agent must not depend on the other apps.' },
        ],
      }],
    },
  },
  {
    // Shared by the agent and the control plane, so as pure as the domain (node:crypto aside).
    files: ['libs/protocol/**/*.ts', 'libs/config/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'libs/protocol and libs/config do no I/O.' })),
        patterns: [
          { group: controlPlaneOnly, message: 'libs/protocol and libs/config are shared with the agent: no framework or I/O imports.' },
          { group: [...infra, '**/apps/**', '@sg/domain', '@sg/domain/*'], message: 'libs/protocol and libs/config depend on nothing but each other.' },
        ],
      }],
    },
  },
  {
    // Logs, metrics and health for all three processes, the sealed agent among them.
    files: ['libs/observability/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: controlPlaneOnly, message: 'libs/observability is shared with the agent: pino and prom-client, no framework, ORM or queue client.' },
          { group: [...infra, '**/apps/**', '@sg/domain', '@sg/domain/*'], message: 'libs/observability depends on nothing of ours but libs/config.' },
        ],
      }],
    },
  },
);
