import type { Request } from 'express';
import type { Principal } from '../platform/auth/principal';

const REGION = 'RegionOne';

/**
 * The service's root as the client reached it (its Host header), so the catalog's URLs work from
 * where the client is, whatever address the server listens on.
 */
export function publicRoot(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

/** Keystone's roles for a principal: a member reads and writes its project; an operator is Neutron's admin. */
export function keystoneRoles(principal: Principal): { id: string; name: string }[] {
  const names = principal.role === 'operator' ? ['admin', 'member', 'reader'] : ['member', 'reader'];
  return names.map((n) => ({ id: n, name: n }));
}

function endpoint(id: string, url: string) {
  return { id, interface: 'public', region: REGION, region_id: REGION, url };
}

/** The catalog: the network service at the unversioned root (clients append /v2.0), identity at /identity. */
export function catalog(root: string) {
  return [
    { type: 'network', name: 'neutron', id: 'network', endpoints: [endpoint('network-public', root)] },
    { type: 'identity', name: 'keystone', id: 'identity', endpoints: [endpoint('identity-public', `${root}/identity`)] },
  ];
}

/** Keystone's timestamps: `2026-12-02T09:00:00.000000Z`. */
export function keystoneTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
