import { findInstance } from '@sg/infra';
import type { EntityManager } from 'typeorm';
import type { HttpResult } from '../platform/commands/command-executor';
import { operationRef } from '../platform/commands/operation-plan';
import { withSecurityGroups } from './instance-groups';
import { presentInstanceChange } from './instance.presenter';

/** Answers a registration or a move from inside its transaction: the instance as just written, and its operation. */
export async function instanceChangeResult(
  tx: EntityManager,
  instanceId: string,
  operationId: string,
  statusCode: number,
  extraHeaders: Record<string, string> = {},
): Promise<HttpResult> {
  const [details] = await withSecurityGroups(tx, [(await findInstance(tx, instanceId, null))!]);
  const op = await operationRef(tx, operationId);
  return { statusCode, headers: { ...op.headers, ...extraHeaders }, body: presentInstanceChange(details, op.ref) };
}
