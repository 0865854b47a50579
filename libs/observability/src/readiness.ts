import { Gauge, type Registry } from 'prom-client';

/** One dependency as `/health/ready` reports it: the same shape in the API, the worker and the agent. */
export interface Check {
  status: 'up' | 'down';
  detail?: string;
}

export type ReadinessStatus = 'ready' | 'degraded' | 'not-ready';

export interface Readiness {
  status: ReadinessStatus;
  checks: Record<string, Check>;
}

/**
 * Ready when every check is up; degraded (still 200) when only `optional` ones are down; else not
 * ready (503). The HTTP status follows: a load balancer only reads that.
 */
export function readinessOf(checks: Record<string, Check>, optional: readonly string[] = []): { httpStatus: 200 | 503; body: Readiness } {
  const down = Object.entries(checks).filter(([, c]) => c.status === 'down').map(([name]) => name);
  const status: ReadinessStatus = down.length === 0 ? 'ready' : down.every((name) => optional.includes(name)) ? 'degraded' : 'not-ready';
  return { httpStatus: status === 'not-ready' ? 503 : 200, body: { status, checks } };
}

/** A check that settles within `ms`, down with "timed out" otherwise, so a hung dependency cannot hang the probe. */
export async function checkWithin(ms: number, check: () => Promise<Check>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(check).catch((error: unknown): Check => ({ status: 'down', detail: error instanceof Error ? error.message : String(error) })),
      new Promise<Check>((resolve) => (timer = setTimeout(() => resolve({ status: 'down', detail: 'timed out' }), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `sg_ready` (1 while /health/ready would answer 200) and `sg_check_up{check}` per dependency,
 * evaluated on each scrape with the probe's own checks: Prometheus alerts on readiness without
 * probing the endpoint itself.
 */
export function registerReadinessGauges(registry: Registry, check: () => Promise<Readiness>): void {
  let reading: Promise<Readiness> | null = null;
  const read = () => {
    reading ??= check().finally(() => setImmediate(() => (reading = null)));
    return reading;
  };
  new Gauge({
    name: 'sg_ready',
    help: 'Whether the process is ready (1: /health/ready answers 200, degraded included), evaluated at each scrape.',
    registers: [registry],
    async collect() {
      this.set((await read()).status === 'not-ready' ? 0 : 1);
    },
  });
  new Gauge({
    name: 'sg_check_up',
    help: 'Each readiness check (postgres, redis, relay, startup, driver...): 1 up, 0 down.',
    labelNames: ['check'],
    registers: [registry],
    async collect() {
      for (const [name, c] of Object.entries((await read()).checks)) this.set({ check: name }, c.status === 'up' ? 1 : 0);
    },
  });
}
