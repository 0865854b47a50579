import {
  AppliedToMode,
  checkCidrsInsideVpc,
  checkGroupsPerInstance,
  decideSecurityGroup,
  evolveSecurityGroup,
  parseAppliedToInput,
} from '@sg/domain';
import { findVpc } from '@sg/infra';
import type { DataSource } from 'typeorm';
import type { HttpResult } from '../../../platform/commands/command-executor';
import type { RequestContext } from '../../../platform/http/request-context';
import type { GroupChanges } from '../../group-changes.service';

/**
 * The write path the three applied-to endpoints share; they differ only in `mode`. Removing is
 * never refused: naming something the group does not apply to changes nothing, so a retried
 * removal is harmless.
 */
export function changeAppliedTo(
  changes: GroupChanges,
  db: DataSource,
  ctx: RequestContext,
  groupId: string,
  mode: AppliedToMode,
  body: unknown,
): Promise<HttpResult> {
  // PUT with empty lists detaches the group from everything; POST and DELETE must name something.
  const input = parseAppliedToInput(body, mode !== 'set');
  return changes.change(ctx, groupId, async (group, state, facts, now) => {
    const commandContext = changes.commandContext(now);
    if (mode !== 'remove') {
      const vpc = await findVpc(db.manager, group.vpcId, null);
      checkCidrsInsideVpc(input.cidrs, vpc?.cidr ?? null, 'cidrs');
    }
    const instances = mode === 'remove' ? {} : await facts.instanceFacts(input.instanceIds);
    const events = decideSecurityGroup({ type: 'ChangeAppliedTo', mode, instanceIds: input.instanceIds, cidrs: input.cidrs, instances }, state, commandContext);
    const after = events.reduce(evolveSecurityGroup, state);
    const limit = commandContext.limits.groupsPerInstance;
    const afterView = after.status === 'active' ? after.group : null;
    checkGroupsPerInstance(group, afterView, facts.groups, facts.instances, limit);
    return { events, warnings: input.warnings, recheck: (vpc) => checkGroupsPerInstance(group, afterView, vpc.groups, vpc.instances, limit) };
  });
}
