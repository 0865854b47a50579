import type { GroupRecord } from '@sg/application';
import type { Rule } from '@sg/domain';

/** Neutron's timestamps: seconds, UTC, `Z`. */
export function neutronTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A rule as Neutron shows it; `project` is its group's (whoever added it). */
export function presentRule(r: Rule, group: { id: string; tenant: string; createdAt: string; updatedAt: string }) {
  const icmp = r.icmp;
  return {
    id: r.id,
    security_group_id: group.id,
    direction: r.direction === 'inbound' ? 'ingress' : 'egress',
    ethertype: r.ipVersion,
    protocol: r.protocol === 'all' ? null : r.protocol,
    port_range_min: icmp ? icmp.type : (r.portRange?.from ?? null),
    port_range_max: icmp ? icmp.code : (r.portRange?.to ?? null),
    remote_ip_prefix: r.remote,
    remote_group_id: r.remoteGroupId,
    remote_address_group_id: null,
    normalized_cidr: r.remote,
    description: r.description,
    project_id: group.tenant,
    tenant_id: group.tenant,
    // A rule never changes once made: its timestamps are its group's creation, and its revision 0,
    // so a rule reads the same in every answer (create, show, list).
    created_at: neutronTime(group.createdAt),
    updated_at: neutronTime(group.createdAt),
    revision_number: 0,
  };
}

export type NeutronRule = ReturnType<typeof presentRule>;

/** Tags: the product keeps a map; Neutron's list of strings are its keys. */
export function tagList(tags: Readonly<Record<string, string>>): string[] {
  return Object.keys(tags).sort();
}

/** A group as Neutron shows it, with its rules. */
export function presentGroup(g: GroupRecord) {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    project_id: g.tenant,
    tenant_id: g.tenant,
    security_group_rules: g.rules.map((r) => presentRule(r, g)),
    stateful: true,
    shared: false,
    tags: tagList(g.tags),
    created_at: neutronTime(g.createdAt),
    updated_at: neutronTime(g.updatedAt),
    revision_number: g.version,
  };
}

export type NeutronGroup = ReturnType<typeof presentGroup>;
