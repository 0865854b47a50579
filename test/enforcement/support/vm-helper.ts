import { createSocket, Socket as UdpSocket } from 'node:dgram';
import { createServer, Server, Socket } from 'node:net';
import { createInterface } from 'node:readline';

/**
 * Runs inside a VM's network namespace (`ip netns exec <vm> node vm-helper.js`) and does what the
 * test asks on stdin, one JSON command per line, answering one JSON line each with the same id:
 * echo servers, connection attempts, and long-lived streams whose bytes it counts. Self-contained
 * (no imports but Node's), so it runs as transpiled without the repository's packages.
 */

type Command = { id: number; op: string; [key: string]: unknown };

const servers: (Server | UdpSocket)[] = [];
const streams = new Map<number, TcpStream | UdpStream>();
let nextStream = 1;

interface TcpStream {
  kind: 'tcp';
  socket: Socket;
  timer: NodeJS.Timeout | undefined;
  sent: number;
  received: number;
  error: string | null;
  closed: boolean;
}

interface UdpStream {
  kind: 'udp';
  socket: UdpSocket;
  timer: NodeJS.Timeout | undefined;
  sent: number;
  received: number;
  error: string | null;
  closed: boolean;
}

function answer(id: number, body: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ id, ...body })}\n`);
}

async function handle(c: Command): Promise<Record<string, unknown>> {
  switch (c.op) {
    case 'listen':
      return listen(c.protocol as 'tcp' | 'udp', c.port as number);
    case 'connect':
      return { result: await connect(c.host as string, c.port as number, c.timeoutMs as number, c.localAddress as string | undefined) };
    case 'udp':
      return { result: await udpExchange(c.host as string, c.port as number, c.timeoutMs as number, c.localAddress as string | undefined, c.localPort as number | undefined) };
    case 'stream':
      return startStream(c);
    case 'stats':
      return stats(c.stream as number);
    case 'stop':
      return stopStream(c.stream as number, c.drainMs as number);
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

/** An echo server: every byte (TCP) or datagram (UDP) goes back to its sender. */
function listen(protocol: 'tcp' | 'udp', port: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    if (protocol === 'tcp') {
      const server = createServer((socket) => {
        socket.on('error', () => undefined);
        socket.pipe(socket);
      });
      server.once('error', reject);
      server.listen({ port, host: '::', ipv6Only: false }, () => resolve({ listening: port }));
      servers.push(server);
    } else {
      const socket = createSocket({ type: 'udp6', ipv6Only: false });
      socket.on('message', (msg, rinfo) => socket.send(msg, rinfo.port, rinfo.address));
      socket.once('error', reject);
      socket.bind(port, '::', () => resolve({ listening: port }));
      servers.push(socket);
    }
  });
}

/** connected: the handshake finished and a line came back; refused: a reset; timeout: nothing came back. */
function connect(host: string, port: number, timeoutMs: number, localAddress?: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (result: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? 'refused' : (e.code ?? e.message)));
    socket.once('data', () => done('connected'));
    socket.connect({ host, port, localAddress }, () => socket.write('hello\n'));
  });
}

/** answered: a datagram came back; refused: an ICMP port unreachable did (the socket is connected, so it hears of it). */
function udpExchange(host: string, port: number, timeoutMs: number, localAddress?: string, localPort = 0): Promise<string> {
  return new Promise((resolve) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const done = (result: string) => {
      clearTimeout(timer);
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.once('message', () => done('answered'));
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? 'refused' : (e.code ?? e.message)));
    socket.bind(localPort, localAddress, () => socket.connect(port, host, () => socket.send('hello')));
  });
}

/** A connection (TCP) or a flow of datagrams (UDP) that sends `bytes` every `everyMs` and counts what echoes back. */
function startStream(c: Command): Promise<Record<string, unknown>> {
  const id = nextStream++;
  const bytes = Buffer.alloc(c.bytes as number, 'x');
  const everyMs = c.everyMs as number;
  const host = c.host as string;
  const port = c.port as number;
  if (c.protocol === 'udp') {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const stream: UdpStream = { kind: 'udp', socket, timer: undefined, sent: 0, received: 0, error: null, closed: false };
    socket.on('message', (msg) => (stream.received += msg.length));
    socket.on('error', (e) => (stream.error = e.message));
    streams.set(id, stream);
    return new Promise((resolve) => {
      socket.connect(port, host, () => {
        stream.timer = setInterval(() => {
          socket.send(bytes);
          stream.sent += bytes.length;
        }, everyMs);
        resolve({ stream: id });
      });
    });
  }
  return new Promise((resolve) => {
    const socket = new Socket();
    const stream: TcpStream = { kind: 'tcp', socket, timer: undefined, sent: 0, received: 0, error: null, closed: false };
    streams.set(id, stream);
    const failed = setTimeout(() => {
      socket.destroy();
      resolve({ stream: id, error: 'timeout' });
    }, c.timeoutMs as number);
    socket.on('data', (chunk) => (stream.received += chunk.length));
    socket.on('error', (e) => (stream.error = e.message));
    socket.on('close', () => (stream.closed = true));
    socket.connect({ host, port }, () => {
      clearTimeout(failed);
      stream.timer = setInterval(() => {
        socket.write(bytes);
        stream.sent += bytes.length;
      }, everyMs);
      resolve({ stream: id });
    });
  });
}

function stats(id: number): Record<string, unknown> {
  const s = streams.get(id);
  if (!s) throw new Error(`no stream ${id}`);
  return { sent: s.sent, received: s.received, error: s.error, closed: s.closed };
}

/** Stops sending, waits up to `drainMs` for the echoes still on their way, then closes. */
async function stopStream(id: number, drainMs: number): Promise<Record<string, unknown>> {
  const s = streams.get(id);
  if (!s) throw new Error(`no stream ${id}`);
  clearInterval(s.timer);
  const deadline = Date.now() + drainMs;
  while (s.received < s.sent && Date.now() < deadline && !s.closed) await new Promise((r) => setTimeout(r, 20));
  const result = stats(id);
  if (s.kind === 'tcp') s.socket.destroy();
  else s.socket.close();
  streams.delete(id);
  return result;
}

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line) as Command;
  handle(command).then(
    (body) => answer(command.id, { ok: true, ...body }),
    (error: unknown) => answer(command.id, { ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The test closes stdin (or dies): the helper goes with it.
input.on('close', () => process.exit(0));
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
