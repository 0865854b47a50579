import type { StoredEvent } from '../ports/event-store.port';
import { type Decoder, EventDecodeError } from './decoders';

type AnyEvent = { type: string; data: unknown };

/**
 * Turns the data of schema version `from` into the data of `from + 1`. It receives the event as
 * stored for context (stream, recordedAt) and must not mutate it. The storage contract is the
 * event's `type` string and schema version, never a class name.
 */
export type Upcaster = (data: any, event: StoredEvent) => unknown;

/** One event type: the schema version new events are written in, its payload check, and how older versions are brought up to it. */
export interface EventDefinition<D> {
  readonly schemaVersion: number;
  readonly decode: Decoder<D>;
  /** `upcasters[n]` turns the data of version n into that of version n + 1. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

/** Every event type of a union, each with its definition: the compiler refuses a table that misses one. */
export type EventDefinitions<E extends AnyEvent> = { readonly [K in E['type']]: EventDefinition<Extract<E, { type: K }>['data']> };

/** The events of one kind of stream, and the checked way from a stored event to the domain's union. */
export class EventFamily<E extends AnyEvent> {
  constructor(
    readonly streamType: string,
    readonly definitions: EventDefinitions<E>,
  ) {}

  get types(): string[] {
    return Object.keys(this.definitions);
  }

  handles(type: string): type is E['type'] {
    return Object.hasOwn(this.definitions, type);
  }

  /** The stored event as the domain's event; throws EventDecodeError when its payload does not fit. */
  decode(event: Pick<StoredEvent, 'type' | 'data'> & Partial<Pick<StoredEvent, 'position'>>): E {
    const where = event.position === undefined ? event.type : `${event.type} at position ${event.position}`;
    if (!this.handles(event.type)) throw new EventDecodeError(where, `not an event of a ${this.streamType} stream`);
    const definition: EventDefinition<unknown> = this.definitions[event.type];
    // The pair is checked above: the type is one of E's, and the data fits that type's decoder.
    return { type: event.type, data: definition.decode(event.data, `${where}: data`) } as E;
  }
}

interface Registered {
  schemaVersion: number;
  readonly upcasters: Map<number, Upcaster>;
}

/**
 * The one map from each event type to its schema version, payload check and upcasters. The event
 * store writes new events in the current version and upcasts old ones on every read (streams, the
 * feed, the projection rebuild); consumers decode through the families.
 */
export class EventRegistry {
  private readonly byType = new Map<string, Registered>();

  constructor(readonly families: readonly EventFamily<AnyEvent>[]) {
    for (const family of families) {
      for (const type of family.types) {
        if (this.byType.has(type)) throw new Error(`Event type ${type} is defined twice`);
        const definition: EventDefinition<unknown> = family.definitions[type];
        const upcasters = new Map(Object.entries(definition.upcasters ?? {}).map(([from, upcast]) => [Number(from), upcast]));
        for (let from = 1; from < definition.schemaVersion; from++) {
          if (!upcasters.has(from)) throw new Error(`Event type ${type} is at schema version ${definition.schemaVersion} but has no upcaster from ${from}`);
        }
        if (upcasters.size !== definition.schemaVersion - 1) throw new Error(`Event type ${type} has upcasters beyond its schema version ${definition.schemaVersion}`);
        this.byType.set(type, { schemaVersion: definition.schemaVersion, upcasters });
      }
    }
  }

  /** The version new events of the type are written in (1 for a type the registry does not know). */
  currentVersion(type: string): number {
    return this.byType.get(type)?.schemaVersion ?? 1;
  }

  /**
   * A new shape for a type: its events are written in the next schema version from now on, and
   * those stored in the current one are upcast to it on read.
   */
  registerUpcaster(type: string, fromSchemaVersion: number, upcast: Upcaster): this {
    const registered = this.byType.get(type);
    if (!registered) throw new Error(`Unknown event type ${type}`);
    if (fromSchemaVersion !== registered.schemaVersion) {
      throw new RangeError(`Upcaster for ${type} must start at its current schema version ${registered.schemaVersion}, not ${fromSchemaVersion}`);
    }
    registered.upcasters.set(fromSchemaVersion, upcast);
    registered.schemaVersion += 1;
    return this;
  }

  /** The event in the current shape; the same object when it is already there or its type is unknown. */
  upcast(event: StoredEvent): StoredEvent {
    const registered = this.byType.get(event.type);
    if (!registered) return event;
    // A newer writer (during a rolling deploy) may store a version this reader does not know yet:
    // passing it on untouched beats failing the whole read; its decoder then judges it.
    let current = event;
    while (current.schemaVersion < registered.schemaVersion) {
      const step = registered.upcasters.get(current.schemaVersion);
      if (step === undefined) throw new Error(`No upcaster for ${event.type} from schema version ${current.schemaVersion} (event at position ${event.position})`);
      current = { ...current, data: step(current.data, event), schemaVersion: current.schemaVersion + 1, stored: event.stored ?? { schemaVersion: event.schemaVersion, data: event.data } };
    }
    return current;
  }
}
