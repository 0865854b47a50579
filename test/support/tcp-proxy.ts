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
}

/**
 * A loopback TCP proxy to a local service, so a test can take that service away from one app
 * (and give it back) without touching the server other test files share.
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1', { jitterMs = 0 }: TcpProxyOptions = {}): Promise<TcpProxy> {
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
          if (jitterMs > 0) {
            relayWithJitter(inbound, outbound, jitterMs);
            relayWithJitter(outbound, inbound, jitterMs);
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

/** Passes chunks from one socket to the other, each after a random delay, never out of order. */
function relayWithJitter(from: Socket, to: Socket, jitterMs: number): void {
  let due = 0;
  from.on('data', (chunk) => {
    due = Math.max(due, Date.now()) + Math.random() * jitterMs;
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, due - Date.now());
  });
  from.on('end', () => setTimeout(() => to.end(), Math.max(0, due - Date.now())));
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
