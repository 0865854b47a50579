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
  private connecting: Promise<void> | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => 2000 });
    this.redis.on('error', () => undefined);
  }

  async ping(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      // Checks that arrive together share one connect: ioredis refuses a second one meanwhile.
      if (this.redis.status === 'wait' || this.redis.status === 'end') this.connecting ??= this.redis.connect().finally(() => (this.connecting = undefined));
      if (this.connecting) await this.connecting;
      await Promise.race([this.redis.ping(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), 1000)))]);
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
