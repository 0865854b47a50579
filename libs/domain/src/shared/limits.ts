/** API.md "Limits": configurable, these are the defaults. The API's config supplies the real values. */
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
