import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@sg/infra';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '../config.module';

/**
 * The API writes only to Postgres (the events table is the worker's outbox), so Redis being
 * down does not stop it accepting changes; readiness still reports it, for operators.
 */
@Injectable()
export class RedisHealth implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => 2000 });
    this.redis.on('error', () => undefined);
  }

  async ping(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      await Promise.race([this.redis.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 1000))]);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: (error as Error).message };
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
