import type { InlineProjection } from '../event-store/inline-projection';
import { hypervisorProjection } from './hypervisor.projection';
import { instanceProjection } from './instance.projection';
import { operationProjection } from './operation.projection';
import { securityGroupProjection } from './security-group.projection';
import { vpcProjection } from './vpc.projection';
import { quotaProjection } from './quota.projection';
import { findingProjection } from './finding.projection';
import type { FindingCheck } from '@sg/domain';

export { ruleFromRow } from './security-group.projection';

export { findingId, findingProjection, type FindingEventRef } from './finding.projection';

/** Every inline projection, in the order they run inside an append; `findingChecks`: the checks the findings projection runs (FINDINGS_CHECKS). */
export function inlineProjections(findingChecks?: ReadonlySet<FindingCheck>): readonly InlineProjection[] {
  return [vpcProjection, securityGroupProjection, instanceProjection, hypervisorProjection, operationProjection, quotaProjection, findingProjection(findingChecks)];
}

/** Every inline projection, with every finding check. */
export const INLINE_PROJECTIONS: readonly InlineProjection[] = inlineProjections();

/** The tables they own: emptied and refilled by a rebuild. */
export const READ_MODEL_TABLES = ['rm_vpcs', 'rm_security_groups', 'rm_security_group_rules', 'rm_applied_instances', 'rm_applied_cidrs', 'rm_instances', 'rm_hypervisors', 'rm_operations', 'rm_quotas', 'rm_findings', 'rm_finding_subjects'] as const;
