import type { CommandBus } from '@nestjs/cqrs';
import { EnsureProjectVpcCommand, type ProjectVpc, type VpcRecord, type Written } from '@sg/application';
import type { RequestContext } from '../../platform/http/request-context';
import { badRequest } from './neutron-error';
import { actorOf, NEUTRON_FACE } from './neutron-write';

/**
 * The VPC of the project a request acts in: the caller's own, or (for an admin) the one it names.
 * Created with its default group on the project's first use. A member naming another project: 400,
 * as Neutron refuses it.
 */
export async function projectVpc(commandBus: CommandBus, ctx: RequestContext, named?: string): Promise<VpcRecord> {
  const tenant = named ?? ctx.principal.tenant;
  if (tenant !== ctx.principal.tenant && ctx.principal.role !== 'operator') {
    throw badRequest('Only an admin can act on behalf of another project.', 'HTTPBadRequest');
  }
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(tenant)) throw badRequest(`Invalid project id ${tenant}.`, 'HTTPBadRequest');
  const written: Written<ProjectVpc> = await commandBus.execute(
    new EnsureProjectVpcCommand(
      {
        // Finding or creating the project's VPC is not the request's own change: no idempotency record.
        actor: { ...actorOf(ctx), idempotencyKey: null },
        expectedVersion: null,
        reply: { face: NEUTRON_FACE, requestHash: ctx.requestHash, answer: ({ vpc }) => ({ id: vpc.id }) },
      },
      tenant,
    ),
  );
  if (written.replayed) throw new Error('a project VPC lookup is never replayed');
  return written.outcome.vpc;
}
