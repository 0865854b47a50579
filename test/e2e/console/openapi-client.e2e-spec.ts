import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startApi, StartedApi } from '../../support/api';

const ROOT = join(__dirname, '../../..');
const GENERATOR = join(ROOT, 'apps/console/scripts/generate-client.mjs');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

type Doc = { paths: Record<string, Record<string, { operationId?: string; parameters?: { in: string; name: string; schema?: { type?: string; $ref?: string } }[]; responses: Record<string, { headers?: Record<string, unknown> }> }>> };

/**
 * The console talks to the API through a client generated from /docs-json
 * (apps/console/src/api/openapi.gen.ts). The two must not drift: the checked-in file is what the
 * running API's document generates today, and the document gives the generator what it needs.
 */
describe('the console\'s generated API client', () => {
  let api: StartedApi;
  let doc: Doc;

  beforeAll(async () => {
    api = await startApi();
    doc = (await (await fetch(`${api.url}/docs-json`)).json()) as Doc;
  });
  afterAll(() => api.close());

  const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] })));

  it('is what the running API\'s /docs-json generates (run `npm run console:client` and commit it when this fails)', async () => {
    const run = promisify(execFile)(process.execPath, [GENERATOR, '--check', '--from', `${api.url}/docs-json`], { cwd: ROOT });
    await expect(run.then((r) => r.stdout)).resolves.toMatch(/matches the API's OpenAPI document/);
  });

  it('names every operation with a unique camelCase operationId', () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(ids.filter((id) => !id || !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['listSecurityGroups', 'createSecurityGroup', 'addRules', 'setAppliedTo', 'getPrincipal', 'issueStreamTicket', 'retryOperation', 'healthReady']));
  });

  it('types every query parameter', () => {
    const untyped = operations().flatMap((o) => (o.op.parameters ?? []).filter((p) => p.in === 'query' && !p.schema?.type && !p.schema?.$ref).map((p) => `${o.method.toUpperCase()} ${o.path} ?${p.name}`));
    expect(untyped).toEqual([]);
  });

  it('documents the paging headers of every list paged by a cursor', () => {
    const paged = operations().filter((o) => (o.op.parameters ?? []).some((p) => p.in === 'query' && p.name === 'cursor'));
    expect(paged.length).toBeGreaterThanOrEqual(5);
    for (const o of paged) expect({ op: `${o.method} ${o.path}`, headers: Object.keys(o.op.responses['200'].headers ?? {}).sort() }).toEqual({ op: `${o.method} ${o.path}`, headers: ['Link', 'Next-Cursor'] });
  });
});
