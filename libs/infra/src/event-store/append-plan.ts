import type { AppendResult, AppendRequest, StoredEvent } from '@sg/application';
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
