import { DomainError, Instance } from '@sg/domain';
import { findInstance } from '@sg/infra';
import { InstanceRecord } from '@sg/application';
import { EventStore, InstanceAggregate, loadAggregate } from '@sg/application';
import type { EntityManager } from 'typeorm';
import { canSee, Principal, tenantScope } from '../platform/auth/principal';
import { ID_PATTERN } from '../platform/http/query-params';

/**
 * Only `i-` ids can name an instance. Checking the shape first keeps characters Postgres refuses
 * in text out of queries, and keeps another aggregate's stream (`sg-…`) from being read as one.
 */
function isInstanceId(id: string): boolean {
  return id.startsWith('i-') && ID_PATTERN.test(id);
}

/** Another tenant's instance, a deleted one and one that never was all answer the same 404. */
function notFound(instanceId: string): DomainError {
  return new DomainError('not-found', `no instance ${instanceId.slice(0, 128)}`);
}

/** The read side: the instance as the read model holds it. */
export async function findVisibleInstance(m: EntityManager, instanceId: string, principal: Principal): Promise<InstanceRecord> {
  const found = isInstanceId(instanceId) ? await findInstance(m, instanceId, tenantScope(principal)) : null;
  if (!found) throw notFound(instanceId);
  return found;
}

/** The write side: the instance rebuilt from its stream, with the version to append after. */
export async function loadVisibleInstance(store: EventStore, instanceId: string, principal: Principal): Promise<{ instance: Instance; version: number }> {
  if (!isInstanceId(instanceId)) throw notFound(instanceId);
  const loaded = await loadAggregate(store, instanceId, InstanceAggregate);
  if (loaded.state.status !== 'active' || !canSee(principal, loaded.state.instance.tenant)) throw notFound(instanceId);
  return { instance: loaded.state.instance, version: loaded.version };
}
