import { Cidr, InvalidValue, Issues } from '@sg/domain';

/**
 * Reads a CIDR field of a request: canonical text, with a warning when host bits were cleared
 * (the /v1 contract: host bits set in a CIDR are cleared, and the response says so in `warnings`).
 */
export function readCidrField(input: unknown, path: string, issues: Issues, warnings: string[]): string | undefined {
  const parsed = issues.capture(path, () => {
    if (typeof input !== 'string') throw new InvalidValue('must be a CIDR string like 10.0.0.0/16');
    return Cidr.parse(input);
  });
  if (!parsed) return undefined;
  const cidr = parsed.cidr.toString();
  if (parsed.hostBitsCleared) warnings.push(`${path}: host bits of ${String(input)} were cleared; using ${cidr}`);
  return cidr;
}
