import { DomainError, SecurityGroupEventTypes } from '@sg/domain';
import { EventStore } from '../ports/event-store.port';
import { SecurityGroupEvents } from '../events/events';
import { StreamTypes } from '../aggregates/streams';
import { isIdShape } from '../aggregates/ids';
import { type Caller, canSee } from '../write-path/actor';

/**
 * Who may read a group's history. The owner comes from the stream's first event rather than the
 * read model, because a deleted group leaves the read model but its history stays readable: an
 * auditor must be able to see what a group was and who deleted it. Another tenant's group, an
 * unknown id, and the id of something that is not a group are all the same 404.
 */
export async function assertCanReadGroupStream(store: EventStore, caller: Caller, groupId: string): Promise<void> {
  const notFound = () => new DomainError('not-found', `no security group ${groupId}`);
  if (!isIdShape(groupId)) throw notFound();
  const [first] = await store.readStream(groupId, { toVersion: 1 });
  if (!first || first.streamType !== StreamTypes.securityGroup) throw notFound();
  const created = SecurityGroupEvents.decode(first);
  if (created.type !== SecurityGroupEventTypes.Created || !canSee(caller, created.data.tenant)) throw notFound();
}
