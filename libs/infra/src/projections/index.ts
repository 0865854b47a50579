import type { InlineProjection } from '../event-store/inline-projection';
import { hypervisorProjection } from './hypervisor.projection';
import { instanceProjection } from './instance.projection';
import { operationProjection } from './operation.projection';
import { securityGroupProjection } from './security-group.projection';
import { vpcProjection } from './vpc.projection';
import { quotaProjection } from './quota.projection';

export { ruleFromRow } from './security-group.projection';

/** Every inline projection, in the order they run inside an append. */
export const INLINE_PROJECTIONS: readonly InlineProjection[] = [vpcProjection, securityGroupProjection, instanceProjection, hypervisorProjection, operationProjection, quotaProjection];

/** The tables they own: emptied and refilled by a rebuild. */
export const READ_MODEL_TABLES = ['rm_vpcs', 'rm_security_groups', 'rm_security_group_rules', 'rm_applied_instances', 'rm_applied_cidrs', 'rm_instances', 'rm_hypervisors', 'rm_operations', 'rm_quotas'] as const;
