import type { JSX } from 'preact';
import { call } from './api/client';
import type { Finding, Operation, OperationRef } from './api/types';
import { CHECK_TITLES, findingWhy, SEVERITY_LABELS } from './findings';
import { Link } from './router';
import { createStore, useStore } from './store';

type Status = Operation['status'];

export interface Toast {
  operationId: string;
  /** What the user did: "Create Security Group web-servers". */
  title: string;
  status: Status;
  message: string;
  warnings: string[];
}

export const toasts = createStore<Toast[]>([]);
/** Findings that opened while the console was open (high and medium only: a low one is on the group's page), newest last. */
export const findingToasts = createStore<Finding[]>([]);
const SUCCESS_SHOWN_MS = 8_000;
const SHOWN = 3;
/** The latest state of every operation the stream has told us about, for pages that follow them. */
const latest = new Map<string, Operation>();
const listeners = new Set<(op: Operation) => void>();

export function onOperation(listener: (op: Operation) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function update(op: Operation): void {
  const known = latest.get(op.id);
  // Events can overtake the answer that named the operation, and a poll can return an older state.
  if (known && Date.parse(known.updatedAt) > Date.parse(op.updatedAt)) return;
  latest.set(op.id, op);
  // A success says all there is to say in a few seconds; a failure stays until it is dismissed.
  if (op.status === 'succeeded' && toasts.get().some((t) => t.operationId === op.id && t.status !== 'succeeded')) setTimeout(() => dismiss(op.id), SUCCESS_SHOWN_MS);
  toasts.set((all) => all.map((t) => (t.operationId === op.id ? { ...t, status: op.status, message: op.message } : t)));
  for (const listener of [...listeners]) listener(op);
}

/** Shows a notification that follows `operation` from queued to succeeded or failed. */
export function follow(operation: OperationRef | undefined, title: string, warnings: string[] = []): void {
  if (!operation) return;
  const known = latest.get(operation.id);
  const toast: Toast = { operationId: operation.id, title, status: known?.status ?? operation.status, message: known?.message ?? '', warnings };
  toasts.set((all) => [...all.filter((t) => t.operationId !== operation.id), toast].slice(-SHOWN));
  // The stream reports what happens from now on; one read fills in anything it said before we knew the id.
  call('getOperation', { path: { id: operation.id } }).then(({ data }) => update(data), () => undefined);
}

function findingOpened(finding: Finding): void {
  if (finding.severity === 'low') return;
  findingToasts.set((all) => [...all.filter((f) => f.id !== finding.id), finding].slice(-SHOWN));
}

export function dismissFinding(id: string): void {
  findingToasts.set((all) => all.filter((f) => f.id !== id));
}

export function dismiss(operationId: string): void {
  toasts.set((all) => all.filter((t) => t.operationId !== operationId));
}

/**
 * The notification stream over Server-Sent Events. EventSource cannot send the API key, so it
 * trades it for a ticket first. The browser reconnects by itself with Last-Event-ID; when it gives
 * up (the ticket expired: 401) a new ticket resumes after the last id seen.
 */
class NotificationStream {
  private source: EventSource | null = null;
  private lastId: string | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  readonly state = createStore<'connecting' | 'live' | 'offline'>('offline');

  async start(): Promise<void> {
    const mine = ++this.generation;
    this.state.set('connecting');
    try {
      const { data } = await call('issueStreamTicket');
      if (mine !== this.generation) return;
      // Operations and the findings that open (without `kinds` the stream carries operations only).
      const url = `${data.streamUrl}&kinds=operation,finding.opened${this.lastId ? `&after=${encodeURIComponent(this.lastId)}` : ''}`;
      const source = new EventSource(url);
      this.source = source;
      source.onopen = () => this.state.set('live');
      source.addEventListener('operation', (event) => {
        const message = event as MessageEvent<string>;
        if (message.lastEventId) this.lastId = message.lastEventId;
        update(JSON.parse(message.data) as Operation);
      });
      source.addEventListener('finding.opened', (event) => {
        const message = event as MessageEvent<string>;
        if (message.lastEventId) this.lastId = message.lastEventId;
        findingOpened(JSON.parse(message.data) as Finding);
      });
      source.onerror = () => {
        if (source.readyState !== EventSource.CLOSED) return this.state.set('connecting');
        source.close();
        this.later(mine);
      };
    } catch {
      this.later(mine);
    }
  }

  private later(mine: number): void {
    if (mine !== this.generation) return;
    this.state.set('offline');
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.start(), 3000);
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.retry);
    this.source?.close();
    this.source = null;
    this.lastId = null;
    this.state.set('offline');
  }
}

export const stream = new NotificationStream();

const LABELS: Record<Status, string> = { queued: 'Queued', 'in-progress': 'In progress', succeeded: 'Succeeded', failed: 'Failed' };
export const statusLabel = (status: Status): string => LABELS[status];

/** The result notifications, newest last; announced politely to screen readers. */
export function Toasts(): JSX.Element {
  const all = useStore(toasts);
  const findings = useStore(findingToasts);
  return (
    <section class="toasts" aria-label="Notifications" aria-live="polite">
      {findings.map((f) => {
        const title = `Finding: ${CHECK_TITLES[f.check] ?? f.check}`;
        return (
          <div class="toast toast-finding" role="status" key={f.id} data-finding={f.id}>
            <div class="toast-head">
              <strong>{title}</strong>
              <span class={`badge badge-severity-${f.severity}`}>{SEVERITY_LABELS[f.severity] ?? f.severity}</span>
            </div>
            <p class="toast-message">
              {findingWhy(f)} · <Link href={`/security-groups/${f.groupId}`}>{f.groupId}</Link>
            </p>
            <button type="button" class="icon-button toast-close" aria-label={`Dismiss ${title}`} onClick={() => dismissFinding(f.id)}>
              ×
            </button>
          </div>
        );
      })}
      {all.map((t) => (
        <div class={`toast toast-${t.status}`} role="status" key={t.operationId} data-operation={t.operationId}>
          <div class="toast-head">
            <strong>{t.title}</strong>
            <span class={`badge badge-${t.status}`}>{statusLabel(t.status)}</span>
          </div>
          {t.message && <p class="toast-message">{t.message}</p>}
          {t.warnings.map((w) => (
            <p class="toast-warning" key={w}>
              {w}
            </p>
          ))}
          <button type="button" class="icon-button toast-close" aria-label={`Dismiss ${t.title}`} onClick={() => dismiss(t.operationId)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
