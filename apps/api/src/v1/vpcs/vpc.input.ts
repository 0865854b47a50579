import { Cidr, InvalidValue, Issues, parseName } from '@sg/domain';
import { readCidrField } from '../parsing/cidr-field';
import { asObject } from '../parsing/json-input';

export interface CreateVpcInput {
  name: string;
  cidr: string | null;
  warnings: string[];
}

export function parseCreateVpcInput(body: unknown): CreateVpcInput {
  const issues = new Issues();
  const warnings: string[] = [];
  const b = asObject(body, '', issues, ['name', 'cidr']);
  const name = b && issues.capture('name', () => parseName(b.name));
  const cidr = b && b.cidr !== undefined && b.cidr !== null ? readCidrField(b.cidr, 'cidr', issues, warnings) : null;
  if (cidr) issues.capture('cidr', () => checkVpcCidr(cidr));
  issues.throwIfAny();
  return { name: name!, cidr: cidr ?? null, warnings };
}

/**
 * A VPC's address space is private (docs/reliability.md): inside 10.0.0.0/8, 172.16.0.0/12,
 * 192.168.0.0/16 or 100.64.0.0/10 with a prefix of /8 to /28, or inside fc00::/7 with /48 to /64.
 * `0.0.0.0/0`, public ranges, loopback and link-local (`fe80::/10`, 169.254.0.0/16) are refused.
 */
export const VPC_PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];
const VPC_PREFIXES = { IPv4: [8, 28], IPv6: [48, 64] } as const;

function checkVpcCidr(text: string): void {
  const cidr = Cidr.parse(text).cidr;
  if (!VPC_PRIVATE_RANGES.some((range) => Cidr.parse(range).cidr.contains(cidr))) {
    throw new InvalidValue(`must be a private range (inside ${VPC_PRIVATE_RANGES.join(', ')}), got ${text}`);
  }
  const [min, max] = VPC_PREFIXES[cidr.version];
  if (cidr.prefixLength < min || cidr.prefixLength > max) throw new InvalidValue(`an ${cidr.version} VPC's prefix must be /${min} to /${max}, got /${cidr.prefixLength}`);
}
