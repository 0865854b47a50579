import { DomainError } from './domain-error';

/** Limits of the contract: configurable, these are the defaults. The process's config supplies the real values. */
export interface Limits {
  rulesPerGroup: number;
  groupsPerInstance: number;
  groupsPerVpc: number;
  addressesPerRequest: number;
  /**
   * The budget of one tenant in one hypervisor's desired state, in entries, over all its VPCs:
   * for each of its ports there, one per rule of each group that applies to it, plus one per
   * member address of each remote group those rules name (docs/reliability.md, the row of the
   * attack that blew a hypervisor's state past 16 MiB).
   */
  stateEntriesPerHypervisor: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  rulesPerGroup: 200,
  groupsPerInstance: 5,
  groupsPerVpc: 100,
  addressesPerRequest: 1000,
  stateEntriesPerHypervisor: 10_000,
};

/** More addresses in one request than a request may name: a quota (422), not a malformed request. */
export function checkAddressQuota(count: number, addressesPerRequest: number): void {
  if (count > addressesPerRequest) {
    throw new DomainError('quota-exceeded', `one request may name at most ${addressesPerRequest} addresses; this one names ${count}`);
  }
}
