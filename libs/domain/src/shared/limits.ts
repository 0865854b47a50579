import { DomainError } from './domain-error';

/** Limits of the contract: configurable, these are the defaults. The process's config supplies the real values. */
export interface Limits {
  rulesPerGroup: number;
  groupsPerInstance: number;
  groupsPerVpc: number;
  addressesPerRequest: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  rulesPerGroup: 200,
  groupsPerInstance: 5,
  groupsPerVpc: 100,
  addressesPerRequest: 1000,
};

/** More addresses in one request than a request may name: a quota (422), not a malformed request. */
export function checkAddressQuota(count: number, addressesPerRequest: number): void {
  if (count > addressesPerRequest) {
    throw new DomainError('quota-exceeded', `one request may name at most ${addressesPerRequest} addresses; this one names ${count}`);
  }
}
