import type { StoredEvent } from '@sg/application';

/**
 * One event as a CloudEvents 1.0 event in the JSON event format (structured mode), for SIEMs and
 * event routers. Required attributes: `specversion`, `id` (the global position, unique and never
 * reused), `source` (the tenant and the kind of resource: `/tenants/<tenant>/<stream type>`),
 * `type` (the event's own type). Optional: `subject` (the resource id), `time` (when the
 * database stored it), `datacontenttype`, `data`. Extension attributes (lowercase letters and
 * digits only, as the specification requires): `streamversion` (the resource's version after the
 * event), `actor`, `tenant`, `requestid` (the server's id of the request), `clientrequestid` (the
 * `X-Request-Id` the client sent), `idempotencykey` — the last three only when the request had
 * one (in the JSON format a null attribute means the same as an absent one). The Sequence extension
 * is not used: it must order lexicographically, and the feed is in commit order, not position order.
 */
export interface CloudEventResponse {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: unknown;
  streamversion: number;
  actor: string;
  tenant: string;
  requestid?: string;
  clientrequestid?: string;
  idempotencykey?: string;
}

export function presentCloudEvent(e: StoredEvent): CloudEventResponse {
  const m = e.metadata;
  const event: CloudEventResponse = {
    specversion: '1.0',
    id: e.position,
    source: `/tenants/${encodeURIComponent(m.tenant)}/${encodeURIComponent(e.streamType)}`,
    type: e.type,
    subject: e.streamId,
    time: e.recordedAt.toISOString(),
    datacontenttype: 'application/json',
    data: e.data,
    streamversion: e.version,
    actor: m.actor,
    tenant: m.tenant,
  };
  if (typeof m.requestId === 'string') event.requestid = m.requestId;
  if (typeof m.clientRequestId === 'string') event.clientrequestid = m.clientRequestId;
  if (typeof m.idempotencyKey === 'string') event.idempotencykey = m.idempotencyKey;
  return event;
}
