import { type AppendResult, type AppendUnit, type AppendRequest, ConcurrencyError, type StoredEvent } from '@sg/application';
import { satisfies } from './append-validation';
import { byPosition } from './event-row';

/** A stream's latest row: its version and its kind. */
export interface StreamHead {
  readonly version: number;
  readonly streamType: string;
}

/** One request of a unit, at the version its stream had before it. */
export interface PlannedRequest {
  readonly request: AppendRequest;
  readonly from: number;
}

/**
 * The rows to insert for a batch, each unit on the streams as the units before it left them;
 * throws ConcurrencyError for a request whose expected version is not its stream's. Rows name
 * their schema version: the event's own, or the newest the registry knows (`currentVersion`).
 */
export function planRows(
  units: readonly AppendUnit[],
  heads: ReadonlyMap<string, StreamHead>,
  currentVersion: (type: string) => number,
): { rows: object[]; planned: PlannedRequest[][] } {
  const versions = new Map([...heads].map(([id, head]) => [id, head.version]));
  const rows: object[] = [];
  const planned = units.map((unit) =>
    unit.requests.map((request) => {
      const actual = versions.get(request.streamId) ?? 0;
      if (!satisfies(request.expectedVersion, actual)) throw new ConcurrencyError(request.streamId, request.expectedVersion, actual);
      const head = heads.get(request.streamId);
      if (head && head.streamType !== request.streamType) {
        throw new TypeError(`Stream ${request.streamId} is a ${head.streamType} stream, not ${request.streamType}`);
      }
      request.events.forEach((event, index) =>
        rows.push({
          streamId: request.streamId,
          streamType: request.streamType,
          version: actual + index + 1,
          type: event.type,
          schemaVersion: event.schemaVersion ?? currentVersion(event.type),
          data: event.data,
          metadata: unit.metadata,
        }),
      );
      versions.set(request.streamId, actual + request.events.length);
      return { request, from: actual };
    }),
  );
  return { rows, planned };
}

/** One result per unit, from the rows the database stored. */
export function resultsOf(planned: readonly PlannedRequest[][], stored: readonly StoredEvent[]): AppendResult[] {
  const byStreamVersion = new Map(stored.map((event) => [`${event.version}:${event.streamId}`, event]));
  return planned.map((streams) => {
    const perStream = streams.map(({ request, from }) => ({
      streamId: request.streamId,
      streamType: request.streamType,
      version: from + request.events.length,
      events: request.events.map((_, index) => byStreamVersion.get(`${from + index + 1}:${request.streamId}`)!),
    }));
    return { events: perStream.flatMap((stream) => stream.events).sort(byPosition), streams: perStream };
  });
}
