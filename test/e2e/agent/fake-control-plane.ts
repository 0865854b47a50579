import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export type Answer = number | { status: number; body: unknown };

export interface FakeControlPlaneOptions {
  /** The answer to a call, given how many calls to the same method and path came before it. */
  answer?(call: RecordedCall, previous: number): Answer;
  /** After a successful resync request, like the worker: push the hypervisor its full state. */
  onResync?(hypervisorId: string, agentUrl: string): Promise<void>;
}

export interface FakeControlPlane {
  url: string;
  calls: RecordedCall[];
  /** The agent URL each hypervisor registered last. */
  agents: Map<string, string>;
  close(): Promise<void>;
}

/** Just enough of the API for the agent's start-up: it records what the agent calls and answers as told. */
export async function startFakeControlPlane(options: FakeControlPlaneOptions = {}): Promise<FakeControlPlane> {
  const calls: RecordedCall[] = [];
  const agents = new Map<string, string>();
  const server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const call: RecordedCall = { method: req.method!, path: req.url!, authorization: req.headers.authorization, body: text ? JSON.parse(text) : undefined };
    const previous = calls.filter((c) => c.method === call.method && c.path === call.path).length;
    calls.push(call);
    const answer = options.answer?.(call, previous) ?? 200;
    const { status, body } = typeof answer === 'number' ? { status: answer, body: {} } : answer;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (status >= 300) return;
    const register = /^\/v1\/hypervisors\/([^/]+)$/.exec(call.path);
    if (register && call.method === 'PUT') agents.set(decodeURIComponent(register[1]), (call.body as { agentUrl: string }).agentUrl);
    const resync = /^\/v1\/hypervisors\/([^/]+)\/resync$/.exec(call.path);
    if (resync && options.onResync) {
      const id = decodeURIComponent(resync[1]);
      await options.onResync(id, agents.get(id)!);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    agents,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
