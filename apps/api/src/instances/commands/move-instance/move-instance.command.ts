import { Command } from '@nestjs/cqrs';
import type { HttpResult } from '../../../platform/commands/command-executor';
import type { RequestContext } from '../../../platform/http/request-context';

export class MoveInstanceCommand extends Command<HttpResult> {
  constructor(
    readonly ctx: RequestContext,
    readonly instanceId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
