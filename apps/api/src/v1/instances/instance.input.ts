import { InvalidValue, Issues, parseAddress, parseName } from '@sg/domain';
import { asId, asObject } from '../parsing/json-input';

export interface RegisterInstanceInput {
  name: string;
  vpcId: string;
  hypervisorId: string;
  ipv4: string | null;
  ipv6: string | null;
}

export function parseRegisterInstanceInput(body: unknown): RegisterInstanceInput {
  const issues = new Issues();
  const b = asObject(body, '', issues, ['name', 'vpcId', 'hypervisorId', 'ipv4', 'ipv6']);
  if (!b) return issues.throwIfAny() as never;
  const name = issues.capture('name', () => parseName(b.name));
  const vpcId = asId(b.vpcId, 'vpcId', issues, 'vpc-');
  const hypervisorId = asId(b.hypervisorId, 'hypervisorId', issues, 'hv-');
  const ipv4 = readAddress(b.ipv4, 'ipv4', 'IPv4', issues);
  const ipv6 = readAddress(b.ipv6, 'ipv6', 'IPv6', issues);
  issues.throwIfAny();
  return { name: name!, vpcId: vpcId!, hypervisorId: hypervisorId!, ipv4, ipv6 };
}

export function parseMoveInstanceInput(body: unknown): { hypervisorId: string } {
  const issues = new Issues();
  const b = asObject(body, '', issues, ['hypervisorId']);
  const hypervisorId = b && asId(b.hypervisorId, 'hypervisorId', issues, 'hv-');
  issues.throwIfAny();
  return { hypervisorId: hypervisorId! };
}

function readAddress(input: unknown, path: string, version: 'IPv4' | 'IPv6', issues: Issues): string | null {
  if (input === undefined || input === null) return null;
  return (
    issues.capture(path, () => {
      if (typeof input !== 'string') throw new InvalidValue(`must be an ${version} address`);
      const a = parseAddress(input);
      if (a.version !== version) throw new InvalidValue(`${input} is not an ${version} address`);
      return a.address;
    }) ?? null
  );
}
