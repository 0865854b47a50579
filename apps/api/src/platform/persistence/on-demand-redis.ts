import { Redis, RedisOptions } from 'ioredis';

/**
 * An ioredis client for the API's reads of Redis (readiness, the queue listing), which never
 * needs Redis to accept changes: it connects on first use, and uses that arrive together share
 * that one connect (ioredis refuses a second meanwhile). With no offline queue, a command fails
 * at once while Redis is away instead of waiting for it.
 */
export class OnDemandRedis {
  readonly client: Redis;
  private connecting: Promise<void> | undefined;

  constructor(url: string, options: RedisOptions = {}) {
    this.client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, ...options });
    this.client.on('error', () => undefined);
  }

  async connected(): Promise<Redis> {
    if (this.client.status === 'wait' || this.client.status === 'end') this.connecting ??= this.client.connect().finally(() => (this.connecting = undefined));
    if (this.connecting) await this.connecting;
    return this.client;
  }

  disconnect(): void {
    this.client.disconnect();
  }
}
