import { Query } from '@nestjs/cqrs';
import type { EffectiveRule } from '@sg/domain';
import type { Principal } from '../../../platform/auth/principal';

export class GetEffectiveRulesQuery extends Query<EffectiveRule[]> {
  constructor(
    readonly principal: Principal,
    readonly instanceId: string,
  ) {
    super();
  }
}
