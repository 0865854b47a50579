import { ApiProperty } from '@nestjs/swagger';
import type { StoredEvent } from '@sg/application';

export class EventMetadataResponse {
  @ApiProperty({ example: 'demo/member#3f9a1c2e', description: 'Tenant, role and a fingerprint of the API key that made the change (never the key)' })
  actor!: string;
  @ApiProperty({ example: 'demo', description: 'The tenant that owns what changed (an operator may act on any tenant)' }) tenant!: string;
  @ApiProperty({ example: '5b0f3c1e-8d2a-4c1b-9f8e-2a7d6c5b4a39', nullable: true, type: String, description: 'The server\'s own id of the request (also in its logs and problem bodies)' })
  requestId!: string | null;
  @ApiProperty({ example: 'client-req-42', nullable: true, type: String, description: 'The X-Request-Id the client sent, when it sent one: kept apart from the server\'s id' })
  clientRequestId!: string | null;
  @ApiProperty({ example: 'create-web-1', nullable: true, type: String, description: 'The request\'s Idempotency-Key, when it had one' })
  idempotencyKey!: string | null;
}

export class EventResponse {
  @ApiProperty({
    example: 1042,
    description:
      'Global position, a JSON number (positions stay far below 2^53). Unique and never reused, but the feed is in ' +
      'commit order, which may differ from position order: continue a feed with `after=<position>` of the last event read.',
  })
  position!: number;
  @ApiProperty({ example: 'sg-0mh2k8q1a7c1d2e3f4a5b', description: 'The resource (aggregate) the event belongs to' }) streamId!: string;
  @ApiProperty({ example: 3, description: 'The resource\'s version after this event (1-based)' }) version!: number;
  @ApiProperty({ example: 'security-group.rules.added' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { groupId: 'sg-0mh2k8q1a7c1d2e3f4a5b', rules: [], at: '2026-11-27T10:00:00.000Z' } })
  data!: unknown;
  @ApiProperty({ type: EventMetadataResponse }) metadata!: EventMetadataResponse;
  @ApiProperty({ example: '2026-11-27T10:00:00.004Z', description: 'When the database stored it (its transaction\'s start)' }) recordedAt!: string;
  @ApiProperty({ example: 'security-group', description: 'The kind of resource the stream is' }) streamType!: string;
  @ApiProperty({ example: 1, description: 'The schema version of `data`' }) schemaVersion!: number;
  @ApiProperty({
    example: '3f0c5a9e1b7d2c4f6a8e0b1d3c5e7f9a2b4d6f8a0c2e4a6b8d0f1e3c5a7b9d1f',
    nullable: true,
    type: String,
    description: 'SHA-256 (hex) chaining this event to the previous event of its stream (docs/audit.md says what it covers and how to verify it)',
  })
  hash!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'The hash of the previous event of the stream; null for its first event' })
  previousHash!: string | null;
  @ApiProperty({
    required: false,
    example: { schemaVersion: 1, data: {} },
    description: 'Only for an event stored in an older shape and upcast on reading: its schema version and data as stored, which the hash covers',
  })
  stored?: { schemaVersion: number; data: unknown };
}

export function presentEvent(e: StoredEvent): EventResponse {
  const m = e.metadata;
  return {
    position: Number(e.position),
    streamId: e.streamId,
    version: e.version,
    type: e.type,
    data: e.data,
    metadata: {
      actor: m.actor,
      tenant: m.tenant,
      requestId: m.requestId ?? null,
      clientRequestId: m.clientRequestId ?? null,
      idempotencyKey: m.idempotencyKey ?? null,
    },
    recordedAt: e.recordedAt.toISOString(),
    streamType: e.streamType,
    schemaVersion: e.schemaVersion,
    hash: e.hash ?? null,
    previousHash: e.previousHash ?? null,
    ...(e.stored && { stored: e.stored }),
  };
}
