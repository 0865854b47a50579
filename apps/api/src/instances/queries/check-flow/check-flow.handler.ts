import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { checkFlow, FlowVerdict, Issues, parseFlow } from '@sg/domain';
import { DataSource } from 'typeorm';
import { effectiveRulesOf } from '../../effective-rules-of';
import { CheckFlowQuery } from './check-flow.query';

/** A question, not a change: it reads the rules the agent is asked to enforce and writes nothing. */
@QueryHandler(CheckFlowQuery)
export class CheckFlowHandler implements IQueryHandler<CheckFlowQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ principal, instanceId, body }: CheckFlowQuery): Promise<FlowVerdict> {
    const issues = new Issues();
    const flow = parseFlow(body, issues);
    issues.throwIfAny('The flow to check is not valid.');
    return checkFlow(await effectiveRulesOf(this.db.manager, instanceId, principal), flow!);
  }
}
