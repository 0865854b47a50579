import { checkTenantStateEntries } from '@sg/domain';
import type { Transaction } from '../ports/event-store.port';
import type { InstanceReadModel } from '../ports/read-models/instances.read-model';

/**
 * The tenant's state budget checked again inside the append's transaction, which has written the
 * change already: under the tenant's state-budget lock, on its entries as they are then (every
 * earlier holder's change committed, this one included), for the hypervisors the change grows.
 * Of concurrent changes that together pass the budget, exactly those that find it passed are
 * refused (422 quota-exceeded). One round trip: the lock and the count are one call.
 */
export async function recheckStateBudget(instances: InstanceReadModel, tx: Transaction, tenant: string, grown: readonly string[], limit: number): Promise<void> {
  if (grown.length === 0) return;
  checkTenantStateEntries(await instances.stateEntriesOfTenant(tenant, { tx, lock: true, hypervisors: grown }), grown, limit);
}
