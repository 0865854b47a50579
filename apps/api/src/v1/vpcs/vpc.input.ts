import { Issues, parseName } from '@sg/domain';
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
  issues.throwIfAny();
  return { name: name!, cidr: cidr ?? null, warnings };
}
