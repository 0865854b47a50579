import { openSse } from '../../support/sse';
import { eventually, settled, startSystem, System } from '../../support/system';

/**
 * A console in a browser follows its operations with EventSource, which cannot send an
 * Authorization header: it trades its key for a ticket and puts the ticket in the stream's URL.
 */
describe('the notification stream with a ticket', () => {
  let sys: System;

  beforeAll(async () => {
    sys = await startSystem({ agents: ['hv-1'] });
    await eventually('the agent registered', async () => ((await sys.operator.get('/v1/hypervisors')).body.length === 1 ? true : undefined));
  });
  afterAll(() => sys.close());

  const ticketOf = async (who: 'member' | 'otherTenant') => {
    const res = await sys.http.as(who).post('/v1/notifications/tickets');
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return res.body as { ticket: string; expiresAt: string; streamUrl: string };
  };

  it("opens the caller's own stream without a key, and a reconnect with Last-Event-ID resumes it", async () => {
    const mine = await ticketOf('member');
    expect(Date.parse(mine.expiresAt) - Date.now()).toBeGreaterThan(10 * 60_000);
    expect(mine.streamUrl).toBe(`/v1/notifications/stream?ticket=${encodeURIComponent(mine.ticket)}`);
    const theirs = await ticketOf('otherTenant');
    const demo = await openSse(sys.api.url, mine.streamUrl, 'nobody');
    const acme = await openSse(sys.api.url, theirs.streamUrl, 'nobody');
    try {
      const vpc = (await sys.http.post('/v1/vpcs', { name: 'ticketed', cidr: '10.0.0.0/16' })).body;
      const vm = await sys.http.post('/v1/instances', { name: 'gpu-1', vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: '10.0.1.5' });
      const opId = vm.body.operation.id;
      expect((await settled(sys.http, opId)).status).toBe('succeeded');
      const seen = await demo.waitFor('the operation to succeed', (events) => events.some((e) => e.data.id === opId && e.data.status === 'succeeded'));
      // Operations only (the new instance's default-group-only finding comes to streams that ask for findings).
      expect(seen.every((e) => e.event === 'operation' && e.data.tenant === 'demo')).toBe(true);

      // EventSource reconnects to the same URL with Last-Event-ID: the ticket still opens it.
      const first = seen.find((e) => e.data.id === opId)!;
      const resumed = await openSse(sys.api.url, mine.streamUrl, 'nobody', first.id!);
      try {
        await resumed.waitFor('the rest of the operation', (events) => events.some((e) => e.data.id === opId && e.data.status === 'succeeded'));
        expect(resumed.events.map((e) => e.id)).toEqual(seen.slice(seen.indexOf(first) + 1).map((e) => e.id));
      } finally {
        resumed.close();
      }
      expect(acme.events.filter((e) => e.data.tenant === 'demo')).toEqual([]);
    } finally {
      demo.close();
      acme.close();
    }
  });

  it('opens nothing else, and nothing at all when forged', async () => {
    const { ticket } = await ticketOf('member');
    const q = `ticket=${encodeURIComponent(ticket)}`;
    for (const path of [`/v1/notifications?${q}`, `/v1/operations?${q}`, `/v1/vpcs?${q}`]) {
      const res = await sys.http.as('nobody').get(path);
      expect({ path, status: res.status, type: res.body.type }).toEqual({ path, status: 401, type: 'unauthorized' });
    }
    const [payload, signature] = ticket.split('.');
    for (const forged of [`${payload}.${signature.slice(0, -2)}xx`, 'nonsense', `${payload}`]) {
      const res = await sys.http.as('nobody').get(`/v1/notifications/stream?ticket=${encodeURIComponent(forged)}`);
      expect([res.status, res.body.type]).toEqual([401, 'unauthorized']);
      expect(res.body.detail).toMatch(/ticket/);
    }
    // Asking for a ticket needs a key like every other write.
    expect((await sys.http.as('nobody').post('/v1/notifications/tickets')).status).toBe(401);
  });
});
