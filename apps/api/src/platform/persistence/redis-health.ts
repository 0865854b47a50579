import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@sg/infra';
import { APP_CONFIG } from '../config.module';
import { OnDemandRedis } from './on-demand-redis';

/**
 * The API writes only to Postgres (the events table is the worker's outbox), so Redis being
 * down does not stop it accepting changes; readiness still reports it, for operators.
 */
@Injectable()
export class RedisHealth implements OnApplicationShutdown {
  private readonly redis: OnDemandRedis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new OnDemandRedis(config.redis.url, { retryStrategy: () => 2000 });
  }

  async ping(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const redis = await this.redis.connected();
      await Promise.race([redis.ping(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), 1000)))]);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
