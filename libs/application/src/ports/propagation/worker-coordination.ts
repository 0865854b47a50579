import type { FeedCheckpoint } from '../event-store.port';

/**
 * Where each named feed reader (the relay) stands. Saved after the reader's side effect is
 * durable, so a crash re-reads rather than loses; never moved backwards.
 */
export abstract class FeedCheckpoints {
  abstract load(name: string): Promise<FeedCheckpoint>;
  abstract save(name: string, checkpoint: FeedCheckpoint): Promise<void>;

  /**
   * How far a reader at this checkpoint is behind, in events of one stream type (counted up to
   * `limit`) and in seconds since the oldest of them was recorded: 0 and 0 when caught up.
   */
  abstract lag(name: string, streamType: string, limit: number): Promise<{ events: number; seconds: number }>;
}

/**
 * One worker of all the replicas leads: it relays the feed (so notification ids grow in commit
 * order), reconciles agents and runs the retention job. The lock is held on a connection of its
 * own and lapses when the process or its connection dies, so another replica takes over.
 */
export abstract class LeaderLock {
  /** Whether this process leads now, taking the lock when it is free; false while the database is away. */
  abstract tryLead(): Promise<boolean>;

  /** Whether this process held the lock at its last look (no round trip). */
  abstract get leading(): boolean;

  /** Lets the lock go (and closes its connection), for a clean shutdown. */
  abstract release(): Promise<void>;
}
