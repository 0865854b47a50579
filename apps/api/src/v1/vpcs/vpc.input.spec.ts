import { parseCreateVpcInput } from './vpc.input';

describe('vpc input', () => {
  it('takes a name and an optional CIDR, clearing host bits with a warning', () => {
    expect(parseCreateVpcInput({ name: 'ml' })).toEqual({ name: 'ml', cidr: null, warnings: [] });
    const parsed = parseCreateVpcInput({ name: 'ml', cidr: '10.0.3.4/16' });
    expect(parsed.cidr).toBe('10.0.0.0/16');
    expect(parsed.warnings[0]).toMatch(/host bits/);
  });

  it('takes private ranges only, with a sane prefix', () => {
    for (const cidr of ['10.0.0.0/8', '172.16.0.0/12', '192.168.10.0/24', '100.64.0.0/16', '10.1.2.0/28', 'fd12:3456:789a::/48', 'fd00:1::/64']) {
      expect(parseCreateVpcInput({ name: 'ml', cidr }).cidr).toBe(cidr);
    }
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(256) }, 'name'],
    [{ name: 7 }, 'name'],
    [{ name: 'ml', cidr: '10.0.0.0/33' }, 'cidr'],
    [{ name: 'ml', cidr: 10 }, 'cidr'],
    [{ name: 'ml', cidr: '0.0.0.0/0' }, 'cidr'],
    [{ name: 'ml', cidr: 'fe80::/10' }, 'cidr'],
    [{ name: 'ml', cidr: '8.8.0.0/16' }, 'cidr'],
    [{ name: 'ml', cidr: '169.254.0.0/16' }, 'cidr'],
    [{ name: 'ml', cidr: '127.0.0.0/8' }, 'cidr'],
    [{ name: 'ml', cidr: '10.0.0.0/7' }, 'cidr'],
    [{ name: 'ml', cidr: '10.0.0.0/30' }, 'cidr'],
    [{ name: 'ml', cidr: 'fd00::/8' }, 'cidr'],
    [{ name: 'ml', colour: 'red' }, 'colour'],
    [[], ''],
    [null, ''],
  ])('rejects %j naming %s', (body, path) => {
    expect(() => parseCreateVpcInput(body)).toThrow(expect.objectContaining({ code: 'validation-failed', issues: expect.arrayContaining([expect.objectContaining({ path })]) }));
  });
});
