import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The console builds into dist/console, which the API serves at /console (apps/api/src/console).
 * `npm run console:dev` serves it with live reload on :5173 and sends /v1 to the API on :3000.
 */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // One small app: a single script and stylesheet load faster than a waterfall of chunks.
    modulePreload: false,
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    proxy: { '/v1': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
