import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { ValidationFailed } from '@sg/domain';
import { carriesAgentToken, PushAnswer } from '@sg/protocol';
import type { AgentLogger } from '../logger';
import type { StartupStatus } from '../startup/announce';
import type { DesiredState } from '../state/desired-state';
import { parseDesiredState } from '../state/parse-desired-state';
import type { StateKeeper } from '../state/state-keeper';
import { BodyError, readJson, sendJson } from './json-io';

export interface AgentServerOptions {
  keeper: StateKeeper;
  /** A push must carry it (`Authorization: Bearer <token>`); reads need none. */
  token: string;
  maxBodyBytes: number;
  logger: AgentLogger;
  startupStatus(): StartupStatus;
}

export interface AgentHttpServer {
  server: Server;
  /**
   * Closes the server once the requests in progress are answered (a push being applied among them).
   * Those answers close their connections, so keep-alive clients cannot hold the shutdown open.
   */
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, options: AgentServerOptions) => Promise<void> | void;

// Enough for a worker to fix its bug; a state with 100,000 bad rules needs no 100,000-line answer.
const MAX_ISSUES_SHOWN = 100;
const SHUTDOWN_GRACE_MS = 5_000;

const ROUTES: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  '/v1/state': { PUT: putState, GET: getState },
  '/health': { GET: getHealth },
};

/** The protocol's three endpoints (docs/agent-protocol.md) on plain node:http: it starts in milliseconds. */
export function createAgentServer(options: AgentServerOptions): AgentHttpServer {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  const server = createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    if (closing) res.setHeader('connection', 'close');
    route(req, res, options);
  });
  const close = async () => {
    closing = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Bounded: a client that never reads its answer is cut after the grace period.
    const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    await stopped;
    clearTimeout(cut);
  };
  return { server, close };
}

function route(req: IncomingMessage, res: ServerResponse, options: AgentServerOptions): void {
  // Not `new URL()`: it throws on some request targets a client can send, and the query is of no use here.
  const path = (req.url ?? '/').split('?')[0];
  // Own properties only: a request for /constructor must not find Object's.
  const methods = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  const handler = methods && Object.hasOwn(methods, req.method ?? '') ? methods[req.method!] : undefined;
  if (!methods) return sendJson(res, 404, { error: `no route ${path}` });
  if (!handler) return sendJson(res, 405, { error: `${req.method} is not allowed on ${path}` }, { allow: Object.keys(methods).join(', ') });
  // Through then(): a handler that throws synchronously must end in a 500, not in an uncaught exception.
  Promise.resolve()
    .then(() => handler(req, res, options))
    .catch((error: unknown) => {
      options.logger.warn(`${req.method} ${path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error', appliedRevision: options.keeper.appliedRevision });
      else res.destroy();
    });
}

async function putState(req: IncomingMessage, res: ServerResponse, { keeper, token, maxBodyBytes, logger }: AgentServerOptions): Promise<void> {
  if (!carriesAgentToken(req.headers.authorization, token)) {
    logger.warn(`refused a push without the worker's token from ${req.socket.remoteAddress ?? 'an unknown address'}`);
    // The body is not read: the connection closes after the answer instead of draining it.
    return sendJson(res, 401, { error: "a push needs the worker's token: Authorization: Bearer <AGENT_TOKEN>" }, { 'www-authenticate': 'Bearer', connection: 'close' });
  }
  keeper.countPush();
  let state: DesiredState;
  try {
    state = parseDesiredState(await readJson(req, maxBodyBytes));
  } catch (error) {
    if (error instanceof BodyError) return sendJson(res, error.status, { error: error.message });
    if (!(error instanceof ValidationFailed)) throw error;
    const issues = error.issues.map((i) => ({ path: i.path || '(body)', message: i.message }));
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    const summary = `${error.message.replace(/\.$/, '')}: ${issues[0].path}: ${issues[0].message}${more}`;
    logger.warn(`refused a push: ${summary}`);
    return sendJson(res, 400, { error: summary, issues: issues.slice(0, MAX_ISSUES_SHOWN) });
  }
  const outcome = await keeper.push(state);
  switch (outcome.status) {
    case 'applied':
      logger.info(`applied revision ${outcome.appliedRevision}${state.force ? ' (forced)' : ''}: ${state.ports.length} ports`);
      return sendJson(res, 200, {
        hypervisorId: keeper.hypervisorId,
        appliedRevision: outcome.appliedRevision,
        changed: true,
        ...(outcome.warnings.length > 0 ? { warnings: outcome.warnings } : {}),
      } satisfies PushAnswer);
    case 'unchanged':
      return sendJson(res, 200, { hypervisorId: keeper.hypervisorId, appliedRevision: outcome.appliedRevision, changed: false });
    case 'wrong-hypervisor':
      logger.warn(`refused a push for hypervisor ${state.hypervisorId}`);
      return sendJson(res, 409, { error: 'wrong hypervisor', hypervisorId: outcome.hypervisorId });
    case 'failed':
      logger.warn(`applying revision ${state.revision} failed, revision ${outcome.appliedRevision} stays in force: ${outcome.error}`);
      return sendJson(res, 500, { error: outcome.error, appliedRevision: outcome.appliedRevision });
  }
}

function getState(_req: IncomingMessage, res: ServerResponse, { keeper }: AgentServerOptions): void {
  sendJson(res, 200, keeper.snapshot());
}

function getHealth(_req: IncomingMessage, res: ServerResponse, { keeper, startupStatus }: AgentServerOptions): void {
  sendJson(res, 200, { status: 'ok', hypervisorId: keeper.hypervisorId, appliedRevision: keeper.appliedRevision, startup: startupStatus() });
}
