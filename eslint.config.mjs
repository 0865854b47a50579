import tseslint from 'typescript-eslint';

const impure = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'bullmq', 'ioredis', 'class-validator', 'class-transformer', 'express', 'node:*'];
// Exact names, not patterns: a pattern 'net' would also match the domain's own net/ folder.
const nodeBuiltins = ['fs', 'net', 'http', 'https', 'child_process', 'dgram', 'os'];

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
);
