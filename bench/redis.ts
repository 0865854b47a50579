import { Redis } from 'ioredis';
import { measure, ms, percentile, perSecond, printTable, rate, round } from './harness';
import type { BenchOptions } from './run';

/** The Redis ceiling: single SETs (one round trip each) at concurrency 16, no pipelining. */
export async function measureRedis(options: BenchOptions): Promise<{ perSecond: number }> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  const n = options.smoke ? 200 : options.quick ? 4_000 : 20_000;
  const key = `bench:${process.pid}`;
  const m = await measure('Redis SET (c=16)', n, 16, (i) => redis.set(`${key}:${i % 100}`, String(i)));
  await redis.del(...Array.from({ length: 100 }, (_, i) => `${key}:${i}`));
  redis.disconnect();
  options.notes.push(
    ...printTable('Ceiling: raw Redis', ['operation', 'ops/s', 'p50', 'p99'], [[m.name, rate(perSecond(m)), ms(percentile(m.samplesMs, 50)), ms(percentile(m.samplesMs, 99))]]),
  );
  return { perSecond: round(perSecond(m)) };
}
