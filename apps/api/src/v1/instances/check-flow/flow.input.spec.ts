import { type Flow, Issues } from '@sg/domain';
import { parseFlow } from './flow.input';

const flow = (p: Partial<Flow>): Flow => ({ direction: 'inbound', protocol: 'tcp', port: 22, icmp: null, remote: '203.0.113.9', ...p });

describe('flow check input', () => {
  const parse = (body: unknown) => {
    const issues = new Issues();
    const flow = parseFlow(body, issues);
    return { flow, paths: issues.list.map((i) => i.path) };
  };

  it('reads a tcp connection', () => {
    expect(parse({ direction: 'inbound', protocol: 'tcp', port: 22, remote: '203.0.113.9' }).flow).toEqual(flow({}));
  });

  it.each([
    [{ direction: 'sideways', protocol: 'tcp', port: 22, remote: '1.2.3.4' }, ['direction']],
    [{ direction: 'inbound', protocol: 'all', remote: '1.2.3.4' }, ['protocol']],
    [{ direction: 'inbound', protocol: 'tcp', remote: '1.2.3.4' }, ['port']],
    [{ direction: 'inbound', protocol: 'tcp', port: 70000, remote: '1.2.3.4' }, ['port']],
    [{ direction: 'inbound', protocol: 'udp', port: 53, remote: '1.2.3.0/24' }, ['remote']],
    [{ direction: 'inbound', protocol: 'icmp', port: 1, remote: '2001:db8::1' }, ['port', 'remote']],
    [{ direction: 'inbound', protocol: 'tcp', port: 22, remote: '1.2.3.4', extra: 1 }, ['extra']],
    ['nope', ['']],
  ])('rejects %j at %j', (body, paths) => {
    const r = parse(body);
    expect(r.flow).toBeUndefined();
    expect(r.paths).toEqual(paths);
  });
});

