import { DomainError } from '../shared/domain-error';

/**
 * A project's quotas: how many security groups and rules a tenant's project VPC may hold (the
 * groups and rules made through the Neutron face, or through /v1 in that VPC). -1 is unlimited.
 * Independent of the per-VPC and per-group limits, which still apply.
 */
export interface Quotas {
  securityGroups: number;
  securityGroupRules: number;
}

/** Neutron's defaults. */
export const DEFAULT_QUOTAS: Readonly<Quotas> = { securityGroups: 10, securityGroupRules: 100 };

export const MAX_QUOTA = 2147483647;

export const QuotaEventTypes = {
  Set: 'quota.set',
  Reset: 'quota.reset',
} as const;

export interface QuotaSet {
  type: typeof QuotaEventTypes.Set;
  /** The values set (the others keep theirs). */
  data: { tenant: string; securityGroups?: number; securityGroupRules?: number; at: string };
}

export interface QuotaReset {
  type: typeof QuotaEventTypes.Reset;
  data: { tenant: string; at: string };
}

export type QuotaEvent = QuotaSet | QuotaReset;

/** The quotas as set: null for a value left at its default. */
export interface QuotaState {
  securityGroups: number | null;
  securityGroupRules: number | null;
}

export const initialQuotaState = (): QuotaState => ({ securityGroups: null, securityGroupRules: null });

export function evolveQuota(state: QuotaState, event: QuotaEvent): QuotaState {
  if (event.type === QuotaEventTypes.Reset) return initialQuotaState();
  return {
    securityGroups: event.data.securityGroups ?? state.securityGroups,
    securityGroupRules: event.data.securityGroupRules ?? state.securityGroupRules,
  };
}

export function effectiveQuotas(state: QuotaState | null): Quotas {
  return {
    securityGroups: state?.securityGroups ?? DEFAULT_QUOTAS.securityGroups,
    securityGroupRules: state?.securityGroupRules ?? DEFAULT_QUOTAS.securityGroupRules,
  };
}

/** Setting quotas: each an integer from -1 (unlimited) to 2147483647; lowering one below what is used is allowed. */
export function decideSetQuotas(tenant: string, changes: Partial<Quotas>, now: string): QuotaEvent[] {
  for (const [name, value] of Object.entries(changes)) {
    if (!Number.isInteger(value) || value! < -1 || value! > MAX_QUOTA) {
      throw new DomainError('validation-failed', `a quota is an integer from -1 (unlimited) to ${MAX_QUOTA}`, [{ path: name, message: `must be an integer -1–${MAX_QUOTA}` }]);
    }
  }
  return [{ type: QuotaEventTypes.Set, data: { tenant, ...changes, at: now } }];
}

export function decideResetQuotas(tenant: string, now: string): QuotaEvent[] {
  return [{ type: QuotaEventTypes.Reset, data: { tenant, at: now } }];
}

/** Refuses a change that would take the project past a quota (a quota already passed only blocks growth). */
export function checkQuotas(quotas: Quotas, usage: { securityGroups: number; securityGroupRules: number }, adding: { securityGroups: number; securityGroupRules: number }): void {
  const over: string[] = [];
  if (adding.securityGroups > 0 && quotas.securityGroups >= 0 && usage.securityGroups + adding.securityGroups > quotas.securityGroups) over.push('security_group');
  if (adding.securityGroupRules > 0 && quotas.securityGroupRules >= 0 && usage.securityGroupRules + adding.securityGroupRules > quotas.securityGroupRules) over.push('security_group_rule');
  if (over.length > 0) throw new DomainError('quota-exceeded', `Quota exceeded for resources: [${over.map((r) => `'${r}'`).join(', ')}].`);
}
