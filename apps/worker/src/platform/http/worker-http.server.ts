import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, ConfigurationError } from '@sg/infra';
import { PROMETHEUS_CONTENT_TYPE, timeRequest, UNMATCHED_ROUTE } from '@sg/observability';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WORKER_CONFIG } from '../worker-config';
import { WorkerMetrics } from '../observability/worker-metrics';
import { WorkerReadiness } from './worker-readiness';

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * The worker's own HTTP listener (WORKER_HOST:WORKER_PORT, loopback by default): `/health`,
 * `/health/ready` and `/metrics`, in the same shapes as the API's, for orchestrators and
 * Prometheus. Plain node:http: three read-only routes need no framework.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('http');
  private server: Server | null = null;
  private readonly routes: Record<string, Route> = {
    '/health': (_req, res) => json(res, 200, { status: 'ok' }),
    '/health/ready': async (_req, res) => {
      const { httpStatus, body } = await this.readiness.check();
      json(res, httpStatus, body);
    },
    '/metrics': async (_req, res) => {
      const text = await this.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    },
  };

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
    @Inject(WorkerReadiness) private readonly readiness: WorkerReadiness,
  ) {}

  /** Where it listens (the real port when configured with 0). */
  url = '';

  async onApplicationBootstrap(): Promise<void> {
    const { host, port } = this.config.worker.http;
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new ConfigurationError('WORKER_PORT', `port ${port} on ${host} is already in use`) : error.code === 'EADDRNOTAVAIL' ? new ConfigurationError('WORKER_HOST', `${host} is not an address of this machine`) : error),
      );
      server.listen(port, host, resolve);
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    const route = Object.hasOwn(this.routes, path) && req.method === 'GET' ? this.routes[path] : undefined;
    const started = performance.now();
    timeRequest(this.metrics.http, req, res, () => (route ? path : UNMATCHED_ROUTE));
    res.once('close', () => this.logger.debug({ msg: 'request completed', method: req.method, url: path, status: res.statusCode, durationMs: Math.round(performance.now() - started) }));
    if (!route) return json(res, 404, { error: `no route ${req.method} ${path}` });
    Promise.resolve()
      .then(() => route(req, res))
      .catch((error: unknown) => {
        this.logger.warn(`${path} failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) json(res, 500, { error: 'internal error' });
        else res.destroy();
      });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
