import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { ValidationFailed } from '@sg/domain';
import { PROMETHEUS_CONTENT_TYPE, readinessOf, redactUrl, timeRequest, UNMATCHED_ROUTE } from '@sg/observability';
import { carriesAgentToken, parseRequestIds, PushAnswer, REQUEST_ID_HEADER } from '@sg/protocol';
import type { AgentLogger } from '../logger';
import type { AgentMetrics } from '../observability/agent-metrics';
import type { StartupStatus } from '../startup/announce';
import type { DesiredState } from '../state/desired-state';
import { parseDesiredState } from '../state/parse-desired-state';
import type { StateKeeper } from '../state/state-keeper';
import { BodyError, readJson, sendJson } from './json-io';

export interface AgentServerOptions {
  keeper: StateKeeper;
  /** This agent's credential: a push and a read of the state must carry it (`Authorization: Bearer <token>`); health and metrics need none. */
  token: string;
  maxBodyBytes: number;
  logger: AgentLogger;
  startupStatus(): StartupStatus;
  metrics: AgentMetrics;
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
  '/health/ready': { GET: getReadiness },
  '/metrics': { GET: getMetrics },
};

/** Probes and scrapes come every few seconds: their access lines are debug, the rest info. */
const QUIET_ROUTES = new Set(['/health', '/health/ready', '/metrics']);

/**
 * The protocol's endpoints (docs/agent-protocol.md), readiness and metrics on plain node:http: it
 * starts in milliseconds. Every request gets one access line, with the request ids a push carries.
 */
export function createAgentServer(options: AgentServerOptions): AgentHttpServer {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  const server = createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    if (closing) res.setHeader('connection', 'close');
    observe(req, res, options);
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

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0];
}

function observe(req: IncomingMessage, res: ServerResponse, { metrics, logger }: AgentServerOptions): void {
  const path = pathOf(req);
  const route = Object.hasOwn(ROUTES, path) ? path : UNMATCHED_ROUTE;
  const started = performance.now();
  timeRequest(metrics.http, req, res, () => route);
  res.once('close', () => {
    const requestIds = parseRequestIds(req.headers[REQUEST_ID_HEADER]);
    const line = {
      method: req.method,
      url: redactUrl(req.url ?? '/'),
      status: res.statusCode,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      remoteAddress: req.socket.remoteAddress,
      ...(requestIds.length > 0 && { requestIds }),
    };
    if (QUIET_ROUTES.has(route)) logger.debug?.('request completed', line);
    else logger.info('request completed', line);
  });
}

function route(req: IncomingMessage, res: ServerResponse, options: AgentServerOptions): void {
  // Not `new URL()`: it throws on some request targets a client can send, and the query is of no use here.
  const path = pathOf(req);
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

async function putState(req: IncomingMessage, res: ServerResponse, { keeper, token, maxBodyBytes, logger, metrics }: AgentServerOptions): Promise<void> {
  // The API requests whose changes this state carries: on every line of the push, so that
  // `grep <request id>` over the API's, the worker's and the agents' logs follows a change.
  const requestIds = parseRequestIds(req.headers[REQUEST_ID_HEADER]);
  const fields = requestIds.length > 0 ? { requestIds } : {};
  // Every push counts, a refused one too (docs/agent-protocol.md `pushes`).
  keeper.countPush();
  if (!carriesAgentToken(req.headers.authorization, token)) {
    metrics.pushed('unauthorized');
    logger.warn(`refused a push without the worker's token from ${req.socket.remoteAddress ?? 'an unknown address'}`, fields);
    // The body is not read: the connection closes after the answer instead of draining it.
    return sendJson(res, 401, { error: "a push needs this agent's credential: Authorization: Bearer <AGENT_TOKEN>" }, { 'www-authenticate': 'Bearer', connection: 'close' });
  }
  let state: DesiredState;
  try {
    state = parseDesiredState(await readJson(req, maxBodyBytes));
  } catch (error) {
    if (error instanceof BodyError) {
      metrics.pushed('invalid');
      return sendJson(res, error.status, { error: error.message });
    }
    if (!(error instanceof ValidationFailed)) throw error;
    metrics.pushed('invalid');
    const issues = error.issues.map((i) => ({ path: i.path || '(body)', message: i.message }));
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    const summary = `${error.message.replace(/\.$/, '')}: ${issues[0].path}: ${issues[0].message}${more}`;
    logger.warn(`refused a push: ${summary}`, fields);
    return sendJson(res, 400, { error: summary, issues: issues.slice(0, MAX_ISSUES_SHOWN) });
  }
  const outcome = await keeper.push(state);
  metrics.pushed(outcome.status === 'wrong-hypervisor' ? 'wrong_hypervisor' : outcome.status);
  switch (outcome.status) {
    case 'applied':
      logger.info(`applied revision ${outcome.appliedRevision}${state.force ? ' (forced)' : ''}: ${state.ports.length} ports`, { ...fields, revision: outcome.appliedRevision });
      return sendJson(res, 200, {
        hypervisorId: keeper.hypervisorId,
        appliedRevision: outcome.appliedRevision,
        appliedHash: outcome.appliedHash,
        changed: true,
        ...(outcome.warnings.length > 0 ? { warnings: outcome.warnings } : {}),
      } satisfies PushAnswer);
    case 'unchanged':
      logger.info(`revision ${state.revision} changes nothing: revision ${outcome.appliedRevision} is in force`, { ...fields, revision: outcome.appliedRevision });
      return sendJson(res, 200, { hypervisorId: keeper.hypervisorId, appliedRevision: outcome.appliedRevision, appliedHash: outcome.appliedHash, changed: false } satisfies PushAnswer);
    case 'wrong-hypervisor':
      logger.warn(`refused a push for hypervisor ${state.hypervisorId}`, fields);
      return sendJson(res, 409, { error: 'wrong hypervisor', hypervisorId: outcome.hypervisorId });
    case 'failed':
      logger.warn(`applying revision ${state.revision} failed, revision ${outcome.appliedRevision} stays in force: ${outcome.error}`, fields);
      return sendJson(res, 500, { error: outcome.error, appliedRevision: outcome.appliedRevision, appliedHash: outcome.appliedHash });
  }
}

/** Every tenant's rules on this hypervisor: only for whoever holds the agent's credential. */
function getState(req: IncomingMessage, res: ServerResponse, { keeper, token, logger }: AgentServerOptions): void {
  if (!carriesAgentToken(req.headers.authorization, token)) {
    logger.warn(`refused a read of the state without the agent's credential from ${req.socket.remoteAddress ?? 'an unknown address'}`);
    return sendJson(res, 401, { error: "reading the state needs this agent's credential: Authorization: Bearer <AGENT_TOKEN>" }, { 'www-authenticate': 'Bearer' });
  }
  sendJson(res, 200, keeper.snapshot());
}

function getHealth(_req: IncomingMessage, res: ServerResponse, { keeper, startupStatus }: AgentServerOptions): void {
  sendJson(res, 200, { status: 'ok', hypervisorId: keeper.hypervisorId, appliedRevision: keeper.appliedRevision, appliedHash: keeper.appliedHash, startup: startupStatus() });
}

/**
 * Ready once it enforces what the control plane wants: registered and resynced (or told not to
 * register), and its last apply did not fail. Not ready (503) otherwise, with the reason.
 */
function getReadiness(_req: IncomingMessage, res: ServerResponse, { keeper, startupStatus }: AgentServerOptions): void {
  const { httpStatus, body } = agentReadiness(keeper, startupStatus());
  sendJson(res, httpStatus, { ...body, hypervisorId: keeper.hypervisorId, appliedRevision: keeper.appliedRevision });
}

/** Ready once registered and resynced (or told not to register) and its last apply did not fail. */
export function agentReadiness(keeper: StateKeeper, startup: StartupStatus) {
  const failure = keeper.lastFailure;
  return readinessOf({
    startup: startup === 'done' || startup === 'disabled' ? { status: 'up', detail: startup } : { status: 'down', detail: startup },
    driver: failure ? { status: 'down', detail: `revision ${failure.revision} failed to apply: ${failure.message}` } : { status: 'up' },
  });
}

function getMetrics(_req: IncomingMessage, res: ServerResponse, { metrics }: AgentServerOptions): Promise<void> {
  return metrics.registry.metrics().then((text) => {
    res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
}
