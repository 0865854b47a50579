import { randomUUID } from 'node:crypto';
import type { AppendOptions, AppendResult, EventMetadata, EventStore, FeedCheckpoint, NewEvent, StoredEvent, StreamAppendResult } from '../../libs/application/src';
import { deferred, eventually } from './async';

/** Ids unique across runs and files, so a test never meets another's rows. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function metadataFor(tenant: string, extra: Partial<EventMetadata> = {}): EventMetadata {
  return { actor: 'user:alice', tenant, requestId: uniqueId('req'), ...extra };
}

export function ruleAdded(ruleId: string, port = 22): NewEvent {
  return { type: 'SecurityGroupRuleAdded', data: { ruleId, direction: 'inbound', protocol: 'tcp', port } };
}

export interface HeldAppend {
  /** What the append stored, visible to its own transaction only. */
  readonly result: AppendResult;
  commit(): Promise<StreamAppendResult>;
}

/**
 * Starts an append and stops it after its events are inserted, before it commits: the position
 * and transaction id are taken, the rows invisible to everyone else until commit().
 */
export async function startHeldAppend(
  store: EventStore,
  streamId: string,
  events: readonly NewEvent[],
  metadata: EventMetadata,
  options: Omit<AppendOptions, 'inTransaction'> = {},
): Promise<HeldAppend> {
  const inserted = deferred<AppendResult>();
  const release = deferred();
  const done = store.append(streamId, 'security-group', 'any', events, metadata, {
    ...options,
    inTransaction: async (_tx, result) => {
      inserted.resolve(result);
      await release.promise;
    },
  });
  done.catch(inserted.reject);
  const result = await inserted.promise;
  return {
    result,
    commit: () => {
      release.resolve();
      return done;
    },
  };
}

/**
 * Follows the feed from `after` like a relay would, until `enough` says so. The feed may lag
 * (any transaction open on the server holds it back), so this waits instead of reading once.
 */
export async function followFeed(
  store: EventStore,
  options: { after: FeedCheckpoint; tenant: string; enough: (events: StoredEvent[]) => boolean },
): Promise<{ events: StoredEvent[]; checkpoint: FeedCheckpoint }> {
  const events: StoredEvent[] = [];
  let checkpoint = options.after;
  await eventually(
    async () => {
      const page = await store.readAll({ after: checkpoint, tenant: options.tenant, limit: 100 });
      events.push(...page.events);
      checkpoint = page.checkpoint;
      return options.enough(events) ? true : undefined;
    },
    { what: 'the feed to deliver the expected events' },
  );
  return { events, checkpoint };
}
