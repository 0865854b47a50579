import { Command } from '@nestjs/cqrs';
import type { HttpResult } from '../../../platform/commands/command-executor';
import type { RequestContext } from '../../../platform/http/request-context';

export class RetryOperationCommand extends Command<HttpResult> {
  constructor(
    readonly ctx: RequestContext,
    readonly operationId: string,
  ) {
    super();
  }
}
