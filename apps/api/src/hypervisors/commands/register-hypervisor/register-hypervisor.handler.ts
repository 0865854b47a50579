import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideRegisterHypervisor, DomainError, FieldIssue, parseRegisterHypervisorInput, ValidationFailed } from '@sg/domain';
import { findHypervisor } from '@sg/infra';
import { EventStore, HypervisorAggregate, loadAggregate, StreamIds, StreamTypes } from '@sg/application';
import { checkIfMatch, CommandExecutor, HttpResult } from '../../../platform/commands/command-executor';
import { hypervisorIdIssues } from '../../hypervisor-id';
import { presentHypervisors } from '../../hypervisor.presenter';
import { RegisterHypervisorCommand } from './register-hypervisor.command';

/**
 * `PUT /v1/hypervisors/{id}`: registers the agent, or points to its new URL. 201 when new, 200
 * otherwise; the same URL again appends nothing. Hypervisors belong to no tenant: the events carry
 * the operator's tenant for the audit trail.
 */
@CommandHandler(RegisterHypervisorCommand)
export class RegisterHypervisorHandler implements ICommandHandler<RegisterHypervisorCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  execute({ ctx, hypervisorId, body }: RegisterHypervisorCommand): Promise<HttpResult> {
    const { agentUrl } = parse(hypervisorId, body);
    const streamId = StreamIds.hypervisor(hypervisorId);
    return this.executor.execute(ctx, async () => {
      const now = new Date().toISOString();
      const loaded = await loadAggregate(this.store, streamId, HypervisorAggregate);
      checkIfMatch(ctx, loaded.version);
      const created = loaded.state.status === 'absent';
      const events = decideRegisterHypervisor(loaded.state, hypervisorId, agentUrl, now);
      return {
        tenant: ctx.principal.tenant,
        appends: [{ streamId, streamType: StreamTypes.hypervisor, expectedVersion: created ? 'no-stream' : loaded.version, events }],
        respond: async (tx) => {
          const [hypervisor] = await presentHypervisors(tx, [(await findHypervisor(tx, hypervisorId))!]);
          const headers: Record<string, string> = created ? { Location: `/v1/hypervisors/${hypervisorId}` } : {};
          return { statusCode: created ? 201 : 200, headers, body: hypervisor };
        },
      };
    });
  }
}

/** The path's id and the body's fields, every bad one reported together. */
function parse(hypervisorId: string, body: unknown): { agentUrl: string } {
  const issues: FieldIssue[] = hypervisorIdIssues(hypervisorId);
  try {
    const input = parseRegisterHypervisorInput(body);
    if (issues.length === 0) return input;
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'validation-failed')) throw error;
    issues.push(...error.issues);
  }
  throw new ValidationFailed(issues);
}
