import { callAll } from './api/client';
import type { Instance, Vpc } from './api/types';

export const loadVpcs = (): Promise<Vpc[]> => callAll('listVpcs', { query: { limit: 1000 } });

export const loadInstances = (vpcId?: string): Promise<Instance[]> => callAll('listInstances', { query: { limit: 1000, ...(vpcId && { vpcId }) } });

export function byId<T extends { id: string }>(items: T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}
