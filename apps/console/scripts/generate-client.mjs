#!/usr/bin/env node
// The console's typed client, generated from the API's OpenAPI document: the types of every
// operation (openapi-typescript) and the route of each operationId, in one checked-in file.
//
//   node apps/console/scripts/generate-client.mjs                 from the built API (npm run build first)
//   node apps/console/scripts/generate-client.mjs --from URL|FILE  from a running API's /docs-json, or a saved one
//   ... --check                                                    write nothing; exit 1 with a diff if the file is stale
//
// `npm run console:client` builds and regenerates. The e2e tier runs --check against a started API.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CLIENT_FILE = join(ROOT, 'apps/console/src/api/openapi.gen.ts');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The file's text for an OpenAPI document. Deterministic: the same document gives the same bytes. */
export async function renderClient(document) {
  const types = astToString(await openapiTS(document, { alphabetize: true, defaultNonNullable: false, silent: true }));
  const routes = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      routes.push([op.operationId, method, path]);
    }
  }
  routes.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const table = routes.map(([id, method, path]) => `  ${id}: { method: '${method.toUpperCase()}', path: '${path}' },`).join('\n');
  return [
    '// Generated from the API\'s OpenAPI document by apps/console/scripts/generate-client.mjs: do not edit.',
    '// `npm run console:client` regenerates it; the e2e tier fails while it differs from the API\'s /docs-json.',
    '',
    types.trimEnd(),
    '',
    '/** The route of each operation, by operationId. */',
    'export const ROUTES = {',
    table,
    '} as const;',
    '',
  ].join('\n');
}

/** The document of the API built in dist/: started on a free port with no database (the document needs none). */
async function documentOfBuild() {
  const require = createRequire(import.meta.url);
  require(join(ROOT, 'node_modules/reflect-metadata'));
  const { loadAppConfig } = require(join(ROOT, 'dist/libs/infra/src'));
  const { createApi } = require(join(ROOT, 'dist/apps/api/src/create-api'));
  const app = await createApi(loadAppConfig({ DATABASE_URL: 'postgres://generator@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1', HOST: '127.0.0.1', PORT: '0' }), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  try {
    const { port } = app.getHttpServer().address();
    return await fetchDocument(`http://127.0.0.1:${port}/docs-json`);
  } finally {
    await app.close();
  }
}

async function fetchDocument(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return res.json();
}

async function load(from) {
  if (!from) return documentOfBuild();
  if (/^https?:\/\//.test(from)) return fetchDocument(from);
  return JSON.parse(await readFile(from, 'utf8'));
}

/** The first lines where two texts part, for a failure message that says what drifted. */
function firstDifferences(expected, actual, max = 20) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const out = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < max; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== undefined) out.push(`${i + 1} checked in: ${a[i]}`);
    if (b[i] !== undefined) out.push(`${i + 1} from API:   ${b[i]}`);
  }
  return out.join('\n');
}

async function main(argv) {
  const check = argv.includes('--check');
  const fromAt = argv.indexOf('--from');
  const text = await renderClient(await load(fromAt >= 0 ? argv[fromAt + 1] : undefined));
  const name = relative(process.cwd(), CLIENT_FILE);
  if (!check) {
    await writeFile(CLIENT_FILE, text);
    console.log(`wrote ${name}`);
    return 0;
  }
  const current = await readFile(CLIENT_FILE, 'utf8').catch(() => '');
  if (current === text) {
    console.log(`${name} matches the API's OpenAPI document`);
    return 0;
  }
  console.error(`${name} differs from the API's OpenAPI document; run \`npm run console:client\` and commit it.\n${firstDifferences(current, text)}`);
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}
