import { checkRow, newRow, portsText, recommendation, remoteText, toInput, type RuleRow } from './rule-form';

const row = (patch: Partial<RuleRow>): RuleRow => ({ ...newRow('inbound'), ...patch });

describe('the rule editor\'s rows', () => {
  it('sends what the guide\'s choices mean: a port or range, All IPv4, My IP, or custom addresses', () => {
    expect(toInput(row({ ports: '22', description: ' office ' }))).toEqual({ direction: 'inbound', protocol: 'tcp', ports: '22', remote: 'all-ipv4', description: 'office' });
    expect(toInput(row({ portMode: 'all', remoteMode: 'my-ip' }))).toEqual({ direction: 'inbound', protocol: 'tcp', remote: 'my-ip' });
    expect(toInput(row({ protocol: 'icmp', ports: '22', remoteMode: 'custom', custom: '203.0.113.7,\n198.51.100.0/24  2001:db8::/32' }))).toEqual({
      direction: 'inbound',
      protocol: 'icmp',
      remote: ['203.0.113.7', '198.51.100.0/24', '2001:db8::/32'],
    });
  });

  it('checks ports and addresses with the API\'s own parsers and messages', () => {
    expect(checkRow(row({ ports: '70000' }))).toEqual({ ports: 'port must be an integer 1–65535' });
    expect(checkRow(row({ ports: '80-20' }))).toEqual({ ports: 'the range starts at 80, after its end 20' });
    expect(checkRow(row({ ports: '8000-8080', remoteMode: 'custom', custom: '10.0.0.0/16, 10.0.0.300' }))).toEqual({
      custom: ['"10.0.0.300" is not a valid CIDR: IPv4 octets are decimal numbers 0–255 without leading zeros'],
    });
    expect(checkRow(row({ protocol: 'all', ports: 'nonsense' }))).toEqual({});
    expect(checkRow(row({ ports: '443', remoteMode: 'custom', custom: ' ' })).custom).toHaveLength(1);
  });

  it('recommends trusted addresses when SSH or RDP is open to All IPv4, inbound only', () => {
    expect(recommendation(row({ ports: '22' }))).toBe('To enhance security when enabling SSH access, please allow only trusted IP addresses and avoid using “All IPv4” (0.0.0.0/0).');
    expect(recommendation(row({ ports: '3000-4000' }))).toMatch(/when enabling RDP access/);
    expect(recommendation(row({ portMode: 'all' }))).toMatch(/SSH/);
    expect(recommendation(row({ ports: '443' }))).toBeNull();
    expect(recommendation(row({ ports: '22', remoteMode: 'my-ip' }))).toBeNull();
    expect(recommendation({ ...row({ ports: '22' }), direction: 'outbound' })).toBeNull();
  });

  it('reads rules the way the guide\'s tables show them', () => {
    const rule = { portRange: { from: 8000, to: 8080 }, remote: '0.0.0.0/0', remoteGroupId: null } as Parameters<typeof portsText>[0];
    expect(portsText(rule)).toBe('8000-8080');
    expect(portsText({ ...rule, portRange: null })).toBe('All');
    expect(remoteText(rule)).toBe('All');
    expect(remoteText({ ...rule, remote: null, remoteGroupId: 'sg-1' }, () => 'web')).toBe('Group web');
  });
});
