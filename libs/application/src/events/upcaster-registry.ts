import type { StoredEvent } from '../ports/event-store.port';

/**
 * Turns the data of schema version `from` into the data of `from + 1`. It receives the event as
 * stored for context (stream, recordedAt) and must not mutate it.
 */
export type Upcaster = (data: any, event: StoredEvent) => unknown;

/**
 * Old event shapes, brought up to date on read. The storage contract is the event's `type` string
 * and `schemaVersion`, never a class name, so a shape can change without rewriting history.
 */
export class UpcasterRegistry {
  private readonly chains = new Map<string, Map<number, Upcaster>>();

  register(type: string, fromSchemaVersion: number, upcast: Upcaster): this {
    if (!Number.isInteger(fromSchemaVersion) || fromSchemaVersion < 1) {
      throw new RangeError(`Upcaster for ${type}: schema versions start at 1, got ${fromSchemaVersion}`);
    }
    const chain = this.chains.get(type) ?? new Map<number, Upcaster>();
    if (chain.has(fromSchemaVersion)) {
      throw new Error(`Upcaster for ${type} from schema version ${fromSchemaVersion} is already registered`);
    }
    chain.set(fromSchemaVersion, upcast);
    this.chains.set(type, chain);
    return this;
  }

  /** The newest schema version of the type: the one new events are written in. */
  currentVersion(type: string): number {
    const chain = this.chains.get(type);
    return chain === undefined ? 1 : Math.max(...chain.keys()) + 1;
  }

  /** The event in the current shape; the same object when it is already there. */
  upcast(event: StoredEvent): StoredEvent {
    const chain = this.chains.get(event.type);
    if (chain === undefined) return event;
    const target = this.currentVersion(event.type);
    // A newer writer (during a rolling deploy) may store a version this reader does not know yet:
    // passing it on untouched beats failing the whole read.
    let current = event;
    while (current.schemaVersion < target) {
      const step = chain.get(current.schemaVersion);
      if (step === undefined) {
        throw new Error(
          `No upcaster for ${event.type} from schema version ${current.schemaVersion} (event at position ${event.position})`,
        );
      }
      current = { ...current, data: step(current.data, event), schemaVersion: current.schemaVersion + 1 };
    }
    return current;
  }
}
