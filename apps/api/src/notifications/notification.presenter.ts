import type { NotificationRecord } from '@sg/infra';
import { presentOperation } from '../operations/operation.presenter';

export function presentNotification(n: NotificationRecord) {
  return { id: Number(n.id), operation: presentOperation(n.operation) };
}

/** One Server-Sent Event: `id:` the notification's sequence number, `data:` the operation. */
export function sseFrame(n: NotificationRecord): string {
  return `id: ${n.id}\nevent: operation\ndata: ${JSON.stringify(presentOperation(n.operation))}\n\n`;
}
