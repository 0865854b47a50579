import { Issues, MAX_QUOTA, type Quotas } from '@sg/domain';
import { asObject } from '../parsing/json-input';

const TENANT = /^[A-Za-z0-9._-]{1,64}$/;

/** A tenant as API_KEYS names one. */
export function parseTenantParam(tenant: string): string {
  const issues = new Issues();
  if (!TENANT.test(tenant)) issues.add('tenant', 'must be 1–64 letters, digits, dots, dashes or underscores');
  issues.throwIfAny();
  return tenant;
}

/** `{"securityGroups"?: n, "securityGroupRules"?: n}`: integers -1 (unlimited) to 2147483647. */
export function parseSetQuotasInput(body: unknown): Partial<Quotas> {
  const issues = new Issues();
  const b = asObject(body, '', issues, ['securityGroups', 'securityGroupRules']);
  const changes: Partial<Quotas> = {};
  for (const field of ['securityGroups', 'securityGroupRules'] as const) {
    const v = b?.[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -1 || v > MAX_QUOTA) issues.add(field, `must be an integer from -1 (unlimited) to ${MAX_QUOTA}`);
    else changes[field] = v;
  }
  if (b && Object.keys(changes).length === 0 && issues.list.length === 0) issues.add('', 'give securityGroups, securityGroupRules or both');
  issues.throwIfAny();
  return changes;
}
