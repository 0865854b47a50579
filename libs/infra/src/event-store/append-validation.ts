import type { AppendRequest, AppendUnit, EventMetadata, ExpectedVersion } from '@sg/application';

// These are programming errors, not user input: the API validates requests before the domain
// decides. They are checked before the transaction opens so a bad call never takes a lock.

/**
 * A batch: at least one unit, each a valid append; an idempotency key at most once (a second
 * claim of it in the same transaction would find the first one's unanswered record).
 */
export function assertValidBatch(units: readonly AppendUnit[]): void {
  if (units.length === 0) throw new TypeError('A batch needs at least one unit');
  const keys = new Set<string>();
  for (const unit of units) {
    assertValidAppend(unit.requests, unit.metadata);
    const claim = unit.options?.idempotency;
    if (!claim) continue;
    const id = JSON.stringify([claim.face, claim.tenant, claim.key]);
    if (keys.has(id)) throw new TypeError(`Idempotency key ${claim.key} appears twice in one batch`);
    keys.add(id);
  }
}

export function assertValidAppend(requests: readonly AppendRequest[], metadata: EventMetadata): void {
  if (requests.length === 0) throw new TypeError('An append needs at least one stream');
  const seen = new Set<string>();
  for (const request of requests) {
    assertNonEmpty(request.streamId, 'streamId');
    assertNonEmpty(request.streamType, `streamType of ${request.streamId}`);
    if (seen.has(request.streamId)) throw new TypeError(`Stream ${request.streamId} appears twice in one append`);
    seen.add(request.streamId);
    assertExpectedVersion(request.expectedVersion, request.streamId);
    for (const event of request.events) {
      assertNonEmpty(event.type, `event type in ${request.streamId}`);
      if (event.data === undefined) throw new TypeError(`Event ${event.type} in ${request.streamId} has no data`);
      if (event.schemaVersion !== undefined && !(Number.isInteger(event.schemaVersion) && event.schemaVersion >= 1)) {
        throw new RangeError(`Event ${event.type}: schemaVersion must be a positive integer, got ${event.schemaVersion}`);
      }
    }
  }
  if (typeof metadata !== 'object' || metadata === null) throw new TypeError('Event metadata must be an object');
  assertNonEmpty(metadata.tenant, 'metadata.tenant');
  assertNonEmpty(metadata.actor, 'metadata.actor');
}

function assertExpectedVersion(expected: ExpectedVersion, streamId: string): void {
  if (expected === 'any' || expected === 'no-stream') return;
  if (!(Number.isInteger(expected) && expected >= 0)) {
    throw new RangeError(`Expected version of ${streamId} must be 'any', 'no-stream' or an integer >= 0, got ${String(expected)}`);
  }
}

function assertNonEmpty(value: unknown, what: string): void {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${what} must be a non-empty string`);
}

/** Whether a stream at `actual` satisfies the writer's expectation. */
export function satisfies(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  return (expected === 'no-stream' ? 0 : expected) === actual;
}
