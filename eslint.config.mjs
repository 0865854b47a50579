import tseslint from 'typescript-eslint';

const impure = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'bullmq', 'ioredis', 'class-validator', 'class-transformer', 'express', 'node:*'];
// Exact names, not patterns: a pattern 'net' would also match the domain's own net/ folder.
const nodeBuiltins = ['fs', 'net', 'http', 'https', 'child_process', 'dgram', 'os'];
// What an agent on a hypervisor must never load: the control plane's framework, database and queues.
const controlPlaneOnly = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'bullmq', 'ioredis', 'class-validator', 'class-transformer', 'express'];
const infra = ['@sg/infra', '@sg/infra/*', '**/libs/infra/**'];
// Database and queue clients: only adapters (libs/infra) and process wiring may load them.
const storage = ['typeorm', 'typeorm/*', 'pg', 'pg-*', 'bullmq', 'ioredis'];

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
        patterns: [{ group: impure, message: 'libs/domain stays pure: no framework or I/O imports; everything it needs is passed in.' }, { group: ['@sg/infra', '@sg/infra/*', '**/libs/infra/**', '**/apps/**'], message: 'libs/domain must not depend on infra or apps.' }],
      }],
    },
  },
  {
    // The application core (ports, the event registry, the use cases) speaks no database, queue or
    // HTTP: those sit behind its ports, in libs/infra, and the faces that speak HTTP live in apps/.
    files: ['libs/application/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...infra, '**/apps/**'], message: 'libs/application depends on ports, never on adapters (libs/infra) or faces (apps).' },
          { group: [...storage, 'express', '@nestjs/swagger', '@nestjs/platform-express', 'class-validator', 'class-transformer'], message: 'libs/application stays free of database, queue and HTTP code: add a port.' },
        ],
      }],
    },
  },
  {
    // Faces and the worker's use cases reach storage through the core's ports only: no SQL, no driver.
    files: ['apps/api/src/v1/**/*.ts', 'apps/api/src/health/**/*.ts', 'apps/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['typeorm', 'typeorm/*', 'pg', 'pg-*'], message: 'Read and write through the ports of @sg/application (bound in PersistenceModule), not the database.' }],
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
