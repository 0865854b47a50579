import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiMetrics } from '../observability/api-metrics';

/** What a client reads before the stream ends: reconnect soon (to another replica), from where it was. */
const FAREWELL = 'retry: 1000\n: the server is shutting down; reconnect with Last-Event-ID\n\n';
const SWEEP_MS = 100;

/**
 * The responses in flight, so that a shutdown can end the ones that never end on their own:
 * notification streams (SSE). Without this the HTTP server's close waited for every console's
 * stream, and the API did not exit on SIGTERM. A stream is ended cleanly (a `retry:` hint, then
 * the end of the response), so EventSource reconnects with its Last-Event-ID and misses nothing.
 * Requests that do end get to finish.
 */
@Injectable()
export class OpenStreams implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly responses = new Set<Response>();
  private closing = false;
  private sweep: NodeJS.Timeout | undefined;

  constructor(@Inject(ApiMetrics) metrics: ApiMetrics) {
    metrics.countOpenStreams = () => [...this.responses].filter(isEventStream).length;
  }

  /** Express middleware: tracks every response until it closes; during a shutdown, asks clients not to keep the connection. */
  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    this.responses.add(res);
    res.once('close', () => this.responses.delete(res));
    if (this.closing) res.setHeader('Connection', 'close');
    next();
  };

  beforeApplicationShutdown(): void {
    this.closing = true;
    this.endStreams();
    // A stream opened on a keep-alive connection while the server closes is ended too.
    this.sweep = setInterval(() => this.endStreams(), SWEEP_MS);
    this.sweep.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
  }

  private endStreams(): void {
    for (const res of this.responses) {
      if (!isEventStream(res) || res.writableEnded) continue;
      res.write(FAREWELL);
      res.end();
    }
  }
}

function isEventStream(res: Response): boolean {
  return res.headersSent && String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
}
