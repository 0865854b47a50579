import type { QueryBus } from '@nestjs/cqrs';
import { type Caller, GetSecurityGroupQuery, type GroupRecord, isIdShape } from '@sg/application';
import { DomainError } from '@sg/domain';
import { notFound } from '../platform/neutron-error';

/**
 * A group this face shows: one of a project VPC (Neutron's conventions) that the caller may see.
 * Anything else (another project's, a /v1 group of another VPC, an id of any shape) is a 404.
 */
export async function findNeutronGroup(queryBus: QueryBus, caller: Caller, id: string): Promise<GroupRecord> {
  const missing = notFound(`Security group ${id} does not exist`, 'SecurityGroupNotFound');
  if (!isIdShape(id)) throw missing;
  try {
    const { group } = await queryBus.execute(new GetSecurityGroupQuery(caller, id));
    if (group.conventions !== 'neutron') throw missing;
    return group;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not-found') throw missing;
    throw error;
  }
}
