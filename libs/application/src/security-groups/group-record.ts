import type { SecurityGroup } from '@sg/domain';
import type { GroupRecord } from '../ports/read-models/security-groups.read-model';

/**
 * The group as the domain's state has it at a version, in the read model's shape (timestamps as
 * the read model writes them): what a change answers with, and what history shows.
 */
export function groupRecordAt(g: SecurityGroup, version: number): GroupRecord {
  return {
    id: g.id, tenant: g.tenant, vpcId: g.vpcId, name: g.name, description: g.description, tags: g.tags, isDefault: g.isDefault, conventions: g.conventions,
    version, rules: g.rules, appliedTo: g.appliedTo, createdAt: iso(g.createdAt), updatedAt: iso(g.updatedAt),
  };
}

function iso(d: string | Date): string {
  return new Date(d).toISOString();
}
