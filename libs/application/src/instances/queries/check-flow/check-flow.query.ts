import { Query } from '@nestjs/cqrs';
import type { Flow, FlowVerdict } from '@sg/domain';
import type { Caller } from '../../../write-path/actor';

/** Would this new connection be allowed? A question, not a change. */
export class CheckFlowQuery extends Query<FlowVerdict> {
  constructor(
    readonly caller: Caller,
    readonly instanceId: string,
    readonly flow: Flow,
  ) {
    super();
  }
}
