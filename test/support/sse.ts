import { KEYS, Who } from './api';

export interface SseEvent {
  id: string | null;
  event: string;
  data: any;
}

export interface SseClient {
  readonly events: SseEvent[];
  /** Resolves once the stream delivered an event that matches (looking at all received so far). */
  waitFor(what: string, predicate: (events: SseEvent[]) => boolean, timeoutMs?: number): Promise<SseEvent[]>;
  close(): void;
}

/** A Server-Sent Events reader over fetch (headers allowed, unlike the browser's EventSource). */
export async function openSse(baseUrl: string, path: string, who: Who = 'member', lastEventId?: string): Promise<SseClient> {
  const controller = new AbortController();
  // 'nobody' sends no key, as a browser's EventSource (which authenticates with ?ticket=).
  const headers: Record<string, string> = { accept: 'text/event-stream', ...(who !== 'nobody' && { authorization: `Bearer ${KEYS[who]}` }) };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await fetch(baseUrl + path, { headers, signal: controller.signal });
  if (res.status !== 200 || !res.body) throw new Error(`SSE ${path} answered ${res.status}: ${await res.text()}`);
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const parsed = parseFrame(frame);
          if (parsed) {
            events.push(parsed);
            waiters.forEach((w) => w());
          }
        }
      }
    } catch {
      // closed by the test
    }
  })();
  return {
    events,
    waitFor(what, predicate, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(events)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve([...events]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SSE: timed out waiting for ${what}; got ${JSON.stringify(events.map((e) => [e.id, e.data?.status, e.data?.id]))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}

function parseFrame(frame: string): SseEvent | null {
  let id: string | null = null;
  let event = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  return { id, event, data: JSON.parse(data.join('\n')) };
}
