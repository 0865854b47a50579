import { startApi, StartedApi } from '../../support/api';

const CONSOLE = 'http://console.test:5173';

/** A console served from another origin (CORS_ORIGINS) calls the API from the browser. */
describe('CORS for consoles on other origins', () => {
  let api: StartedApi;
  let closed: StartedApi;

  beforeAll(async () => {
    api = await startApi({ CORS_ORIGINS: CONSOLE });
    closed = await startApi();
  });
  afterAll(async () => {
    await api.close();
    await closed.close();
  });

  const preflight = (base: string, origin: string) =>
    fetch(`${base}/v1/security-groups/sg-x/rules`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key,if-match' },
    });

  it('lets a configured console send its headers and read the ones it needs', async () => {
    const pre = await preflight(api.url, CONSOLE);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'if-match', 'last-event-id']),
    );
    const res = await fetch(`${api.url}/v1/vpcs`, { headers: { origin: CONSOLE, authorization: 'Bearer member-key-demo-0001' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(res.headers.get('access-control-expose-headers')?.split(',')).toEqual(expect.arrayContaining(['Operation-Location', 'ETag', 'Next-Cursor']));
  });

  it('tells other origins nothing, and a server without CORS_ORIGINS no origin at all', async () => {
    for (const [base, origin] of [[api.url, 'http://evil.test'], [closed.url, CONSOLE]]) {
      const res = await fetch(`${base}/v1/vpcs`, { headers: { origin, authorization: 'Bearer member-key-demo-0001' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect((await preflight(base, origin)).headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});
