import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { consoleDirectory } from '../../../apps/api/src/console/console-files';
import { startApi, StartedApi } from '../../support/api';

/** The API serves the built console at /console (npm run build writes dist/console first). */
describe('the console served by the API', () => {
  let api: StartedApi;

  beforeAll(async () => {
    if (!existsSync(join(consoleDirectory(), 'index.html'))) throw new Error(`${consoleDirectory()} has no index.html: run npm run build first`);
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers /console and its own routes with the page, under a CSP that lets nothing from elsewhere run', async () => {
    for (const path of ['/console', '/console/', '/console/security-groups/sg-1/history', '/console/queues/hypervisor-sync/failed']) {
      const res = await fetch(`${api.url}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>/i);
      expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    }
  });

  it('serves its hashed assets for a year, and answers a missing file with the API\'s 404 problem', async () => {
    const html = await (await fetch(`${api.url}/console`)).text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1];
    const res = await fetch(`${api.url}${script}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/console/assets/missing.js', '/console/..%2Fpackage.json', '/console/%2e%2e/%2e%2e/package.json']) {
      const missing = await fetch(`${api.url}${path}`);
      expect({ path, status: missing.status }).toEqual({ path, status: 404 });
      expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('needs no key for the page, and is no part of the API\'s document', async () => {
    const doc = (await (await fetch(`${api.url}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/console'))).toEqual([]);
    expect(Object.keys(doc.paths)).not.toContain('/queues');
    expect((await fetch(`${api.url}/queues`)).status).toBe(404);
  });
});
