import { hostRoutes, localAddresses, portInterfaces } from './routes';

const ROUTES4 = [
  { dst: 'default', gateway: '192.0.2.1', dev: 'eth0' },
  { dst: '10.77.0.11', dev: 'tap1', scope: 'link' },
  { dst: '10.77.0.12', dev: 'tap2', scope: 'link' },
  { dst: '10.77.0.0/16', dev: 'br0' },
  { type: 'blackhole', dst: '10.77.0.99' },
  { dst: '10.77.0.14/32', dev: 'tap4' },
];
const ROUTES6 = [
  { dst: 'fd77::11', dev: 'tap1', metric: 1024 },
  { dst: 'fd77::13', dev: 'tap3', metric: 1024 },
  { dst: 'fd77::12', dev: 'tap9', metric: 1024 },
  { dst: 'fe80::/64', dev: 'tap1', metric: 256 },
];

const port = (n: number, ipv4: string | null, ipv6: string | null) => ({ instanceId: `i-${n}`, vpcId: 'v', ipv4, ipv6, groups: [] });

describe('routes', () => {
  it('keeps host routes through an interface, nothing wider, no gateway, no blackhole', () => {
    expect(hostRoutes(ROUTES4)).toEqual(new Map([['10.77.0.11', 'tap1'], ['10.77.0.12', 'tap2'], ['10.77.0.14', 'tap4']]));
    expect(hostRoutes('not json routes')).toEqual(new Map());
  });

  it('finds each port by its address and reports the ones it cannot enforce', () => {
    const routes = new Map([...hostRoutes(ROUTES4), ...hostRoutes(ROUTES6)]);
    const found = portInterfaces(
      [
        port(1, '10.77.0.11', 'fd77::11'),
        port(3, null, 'fd77::13'),
        port(2, '10.77.0.12', 'fd77::12'),
        port(5, '10.77.0.15', null),
        port(6, null, null),
        port(7, '10.77.0.14', null),
        port(8, '10.77.0.14', null),
      ],
      routes,
    );
    expect(found.interfaces).toEqual(new Map([['i-1', 'tap1'], ['i-3', 'tap3'], ['i-7', 'tap4']]));
    expect(found.unenforced).toEqual([
      { instanceId: 'i-2', reason: '10.77.0.12 is routed through tap2 but fd77::12 through tap9' },
      { instanceId: 'i-5', reason: 'no host route to 10.77.0.15 on this hypervisor' },
      { instanceId: 'i-6', reason: 'has no address' },
      { instanceId: 'i-8', reason: 'its interface tap4 already carries port i-7' },
    ]);
  });

  it('lists the addresses of the namespace itself', () => {
    const links = [{ ifname: 'lo', addr_info: [{ local: '127.0.0.1' }, { local: '169.254.1.1' }, { local: '::1' }] }, { ifname: 'tap1', addr_info: [{ local: 'fe80::1' }] }];
    expect(localAddresses(links)).toEqual(new Set(['127.0.0.1', '169.254.1.1', '::1', 'fe80::1']));
  });
});
