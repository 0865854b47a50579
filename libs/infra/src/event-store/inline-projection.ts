import type { StoredEvent } from '@sg/application';
import type { EntityManager } from 'typeorm';

/**
 * A read model written in the same transaction as the events it reads, so a request can read
 * its own write at once. It must be rebuildable from the events alone.
 */
export interface InlineProjection {
  readonly name: string;
  handles(eventType: string): boolean;
  /** Receives, in position order, only the appended events it handles; never an empty list. */
  apply(tx: EntityManager, events: readonly StoredEvent[]): Promise<void>;
}
