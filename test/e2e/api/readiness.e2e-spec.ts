import { startApi, StartedApi } from '../../support/api';

/** `GET /health/ready` as a load balancer polls it: often, and several at once. */
describe('readiness', () => {
  let api: StartedApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('reports Redis up to checks that arrive together before its first connection', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, () => fetch(`${api.url}/health/ready`)));
    const bodies = await Promise.all(replies.map((r) => r.json() as Promise<{ status: string; checks: Record<string, { status: string }> }>));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(bodies.map((b) => [b.status, b.checks.redis.status, b.checks.postgres.status])).toEqual(Array(5).fill(['ready', 'up', 'up']));
  });
});
