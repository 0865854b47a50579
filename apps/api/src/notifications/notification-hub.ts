import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, NOTIFICATIONS_CHANNEL } from '@sg/infra';
import { Client } from 'pg';
import { APP_CONFIG } from '../platform/config.module';

/**
 * One LISTEN connection per API process, shared by every open notification stream: the relay's
 * NOTIFY wakes them all, and each reads what it has not sent yet. Streams also poll slowly, so a
 * NOTIFY lost while Postgres restarted delays a notification instead of losing it.
 */
@Injectable()
export class NotificationHub implements OnApplicationShutdown {
  private readonly logger = new Logger('notifications');
  private readonly listeners = new Set<() => void>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    void this.ensureListening();
    return () => this.listeners.delete(listener);
  }

  private ensureListening(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: this.config.database.url, application_name: 'security-groups-notifications' });
      client.on('notification', () => this.listeners.forEach((l) => l()));
      client.on('error', () => {
        if (this.client === client) this.client = null;
        void client.end().catch(() => undefined);
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${NOTIFICATIONS_CHANNEL}`);
        this.client = client;
      } catch (error) {
        this.logger.warn(`cannot listen for notifications yet: ${(error as Error).message}`);
        await client.end().catch(() => undefined);
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await this.client?.end().catch(() => undefined);
  }
}
