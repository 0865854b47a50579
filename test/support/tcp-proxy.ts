import { createServer, Server, Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Refuses new connections and cuts the open ones, as a restarting server would. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  /**
   * Holds each chunk for a random 0–jitterMs before passing it on (order kept per connection), as
   * a database across a busy network would: concurrent requests then interleave in ways a quiet
   * loopback rarely shows, which is what race tests need.
   */
  jitterMs?: number;
  /**
   * Holds what the client sends a while longer when it matches `pattern` (a query's SQL text is
   * in the bytes sent): a read that waits for a busy connection or a slow link, made to happen
   * every time instead of once in a thousand runs.
   */
  slowRequests?: { pattern: RegExp; ms: number };
}

/**
 * A loopback TCP proxy to a local service, so a test can take that service away from one app
 * (and give it back) without touching the server other test files share.
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1', { jitterMs = 0, slowRequests }: TcpProxyOptions = {}): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((inbound) => {
        const outbound = new Socket();
        sockets.add(inbound).add(outbound);
        const drop = () => {
          inbound.destroy();
          outbound.destroy();
          sockets.delete(inbound);
          sockets.delete(outbound);
        };
        inbound.on('error', drop).on('close', drop);
        outbound.on('error', drop).on('close', drop);
        outbound.connect(targetPort, targetHost, () => {
          if (jitterMs > 0 || slowRequests) {
            relayWithDelay(inbound, outbound, (chunk) => Math.random() * jitterMs + (slowRequests?.pattern.test(chunk.toString('latin1')) ? slowRequests.ms : 0));
            relayWithDelay(outbound, inbound, () => Math.random() * jitterMs);
          } else {
            inbound.pipe(outbound);
            outbound.pipe(inbound);
          }
        });
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await listen();
  return {
    get port() {
      return port;
    },
    cut: stop,
    restore: listen,
    close: stop,
  };
}

/**
 * Passes chunks from one socket to the other, each held a while, never out of order: one queue
 * per direction drained by one timer (timers of different delays may fire out of order).
 */
function relayWithDelay(from: Socket, to: Socket, delayOf: (chunk: Buffer) => number): void {
  const queue: { due: number; chunk: Buffer | null }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const drain = () => {
    timer = null;
    while (queue.length > 0 && queue[0].due <= Date.now()) {
      const { chunk } = queue.shift()!;
      if (to.destroyed) return;
      if (chunk) to.write(chunk);
      else to.end();
    }
    if (queue.length > 0) timer = setTimeout(drain, queue[0].due - Date.now());
  };
  const enqueue = (chunk: Buffer | null) => {
    const last = queue.length > 0 ? queue[queue.length - 1].due : Date.now();
    queue.push({ due: Math.max(last, Date.now()) + (chunk ? delayOf(chunk) : 0), chunk });
    timer ??= setTimeout(drain, queue[0].due - Date.now());
  };
  from.on('data', (chunk: Buffer) => enqueue(chunk));
  from.on('end', () => enqueue(null));
  to.on('close', () => {
    if (timer) clearTimeout(timer);
    queue.length = 0;
  });
}

/** A proxy to the test database's server, and the database's URL through it. */
export async function proxyToDatabase(databaseUrl: string, options: TcpProxyOptions = {}): Promise<{ proxy: TcpProxy; url: string }> {
  const direct = new URL(databaseUrl);
  const proxy = await startTcpProxy(Number(direct.port || 5432), direct.hostname, options);
  const viaProxy = new URL(databaseUrl);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  return { proxy, url: viaProxy.toString() };
}
