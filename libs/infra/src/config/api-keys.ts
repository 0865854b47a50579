import type { Role } from '@sg/application';
import { ConfigurationError } from '../database/database.config';

export interface ApiKey {
  key: string;
  tenant: string;
  role: Role;
}

/** The development defaults the README documents; production sets API_KEYS. */
export const DEV_API_KEYS = 'dev-member-key:demo:member,dev-operator-key:ops:operator';

/** `API_KEYS`: comma-separated `key:tenant:role`; each key belongs to one tenant and one role. */
export function parseApiKeys(raw: string): ApiKey[] {
  const keys = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const [key, tenant, role, ...rest] = entry.split(':');
      if (!key || !tenant || !role || rest.length > 0) throw new ConfigurationError('API_KEYS', `entry ${i + 1} must be key:tenant:role`);
      if (role !== 'member' && role !== 'operator') throw new ConfigurationError('API_KEYS', `entry ${i + 1} has role "${role}"; use member or operator`);
      if (key.length < 8) throw new ConfigurationError('API_KEYS', `entry ${i + 1}: a key must be at least 8 characters`);
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(tenant)) throw new ConfigurationError('API_KEYS', `entry ${i + 1}: tenant "${tenant}" must be 1–64 letters, digits, dots, dashes or underscores`);
      return { key, tenant, role } as ApiKey;
    });
  if (keys.length === 0) throw new ConfigurationError('API_KEYS', 'names no key');
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k.key)) throw new ConfigurationError('API_KEYS', 'the same key appears twice');
    seen.add(k.key);
  }
  return keys;
}
