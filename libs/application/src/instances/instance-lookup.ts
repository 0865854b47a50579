import { DomainError, Instance } from '@sg/domain';
import { InstanceAggregate } from '../aggregates/aggregates';
import { isIdShape } from '../aggregates/ids';
import { loadAggregate } from '../aggregates/load-aggregate';
import type { EventStore } from '../ports/event-store.port';
import type { InstanceReadModel, InstanceRecord } from '../ports/read-models/instances.read-model';
import { type Caller, canSee, tenantScope } from '../write-path/actor';

/**
 * Only `i-` ids can name an instance. Checking the shape first keeps characters Postgres refuses
 * in text out of queries, and keeps another aggregate's stream (`sg-…`) from being read as one.
 */
function isInstanceId(id: string): boolean {
  return id.startsWith('i-') && isIdShape(id);
}

/** Another tenant's instance, a deleted one and one that never was all answer the same 404. */
function notFound(instanceId: string): DomainError {
  return new DomainError('not-found', `no instance ${instanceId.slice(0, 128)}`);
}

/** The read side: the instance as the read model holds it. */
export async function findVisibleInstance(instances: InstanceReadModel, instanceId: string, caller: Caller): Promise<InstanceRecord> {
  const found = isInstanceId(instanceId) ? await instances.find(instanceId, tenantScope(caller)) : null;
  if (!found) throw notFound(instanceId);
  return found;
}

/** The write side: the instance rebuilt from its stream, with the version to append after. */
export async function loadVisibleInstance(store: EventStore, instanceId: string, caller: Caller): Promise<{ instance: Instance; version: number }> {
  if (!isInstanceId(instanceId)) throw notFound(instanceId);
  const loaded = await loadAggregate(store, instanceId, InstanceAggregate);
  if (loaded.state.status !== 'active' || !canSee(caller, loaded.state.instance.tenant)) throw notFound(instanceId);
  return { instance: loaded.state.instance, version: loaded.version };
}
