import { Command } from '@nestjs/cqrs';
import type { HttpResult } from '../../../platform/commands/command-executor';
import type { RequestContext } from '../../../platform/http/request-context';

export class UpdateSecurityGroupCommand extends Command<HttpResult> {
  constructor(
    readonly ctx: RequestContext,
    readonly groupId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
