import { client, Client, startApi, StartedApi } from '../../support/api';
import { createVpcWithGroup } from '../../support/group-fixtures';

/** `my-ip` behind a proxy: with TRUST_PROXY the caller is the one X-Forwarded-For names. */
describe('my-ip with TRUST_PROXY over HTTP', () => {
  let api: StartedApi;
  let http: Client;

  beforeAll(async () => {
    api = await startApi({ TRUST_PROXY: 'true' });
    http = client(api.url);
  });
  afterAll(() => api.close());

  const addMyIp = (groupId: string, headers: Record<string, string>, ipVersion?: string) =>
    http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', preset: 'SSH', remote: 'my-ip', ...(ipVersion && { ipVersion }) }] }, headers);

  it('takes the address from X-Forwarded-For', async () => {
    const g = await createVpcWithGroup(http);
    const res = await addMyIp(g.id, { 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(202);
    expect(res.body.inboundRules.map((r: any) => [r.ipVersion, r.remote])).toEqual([['IPv4', '203.0.113.9/32']]);
    expect(res.body.warnings).toEqual([]);
  });

  it('reads an IPv6 caller as a /128, and refuses it on an IPv4 rule', async () => {
    const g = await createVpcWithGroup(http);
    const res = await addMyIp(g.id, { 'x-forwarded-for': '2001:db8::7' });
    expect(res.status).toBe(202);
    expect(res.body.inboundRules.map((r: any) => [r.ipVersion, r.remote])).toEqual([['IPv6', '2001:db8::7/128']]);
    const mismatch = await addMyIp(g.id, { 'x-forwarded-for': '2001:db8::8' }, 'IPv4');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors.map((e: { path: string }) => e.path)).toEqual(['rules[0].remote']);
  });

  it('falls back to the socket address without the header', async () => {
    const g = await createVpcWithGroup(http);
    const res = await addMyIp(g.id, {});
    expect(res.status).toBe(202);
    expect(res.body.inboundRules[0].remote).toBe('127.0.0.1/32');
  });
});
