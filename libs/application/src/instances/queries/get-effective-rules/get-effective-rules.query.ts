import { Query } from '@nestjs/cqrs';
import type { EffectiveRule } from '@sg/domain';
import type { Caller } from '../../../write-path/actor';

export class GetEffectiveRulesQuery extends Query<EffectiveRule[]> {
  constructor(
    readonly caller: Caller,
    readonly instanceId: string,
  ) {
    super();
  }
}
