import { parseCreateVpcInput } from './vpc.input';

describe('vpc input', () => {
  it('takes a name and an optional CIDR, clearing host bits with a warning', () => {
    expect(parseCreateVpcInput({ name: 'ml' })).toEqual({ name: 'ml', cidr: null, warnings: [] });
    const parsed = parseCreateVpcInput({ name: 'ml', cidr: '10.0.3.4/16' });
    expect(parsed.cidr).toBe('10.0.0.0/16');
    expect(parsed.warnings[0]).toMatch(/host bits/);
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(256) }, 'name'],
    [{ name: 7 }, 'name'],
    [{ name: 'ml', cidr: '10.0.0.0/33' }, 'cidr'],
    [{ name: 'ml', cidr: 10 }, 'cidr'],
    [{ name: 'ml', colour: 'red' }, 'colour'],
    [[], ''],
    [null, ''],
  ])('rejects %j naming %s', (body, path) => {
    expect(() => parseCreateVpcInput(body)).toThrow(expect.objectContaining({ code: 'validation-failed', issues: expect.arrayContaining([expect.objectContaining({ path })]) }));
  });
});
