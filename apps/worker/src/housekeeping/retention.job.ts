import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore, LeaderLock, NotificationLog } from '@sg/application';
import type { AppConfig } from '@sg/infra';
import { WORKER_CONFIG } from '../platform/worker-config';

export interface Purged {
  idempotencyRecords: number;
  notifications: number;
}

/**
 * Deletes what is kept only for a while: idempotency records past their retention period (a key
 * is promised for at least 24 h) and notifications older than NOTIFICATION_RETENTION_HOURS (a
 * console that reconnects later resumes from the oldest one left). Only the leading worker
 * purges, so replicas do not repeat each other's deletes.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('retention');
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(NotificationLog) private readonly notifications: NotificationLog,
    @Inject(LeaderLock) private readonly leader: LeaderLock,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.pass()
        .catch((e) => this.logger.warn(`pass failed: ${(e as Error).message}`))
        .finally(() => (this.running = null));
    }, this.config.retention.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; null when another worker leads (and purges). */
  async pass(): Promise<Purged | null> {
    if (!(await this.leader.tryLead())) return null;
    const purged = {
      idempotencyRecords: await this.store.purgeExpiredIdempotencyRecords(),
      notifications: await this.notifications.purgeOlderThan(this.config.retention.notificationMaxAgeHours * 3_600_000),
    };
    if (purged.idempotencyRecords + purged.notifications > 0) {
      this.logger.log(`purged ${purged.idempotencyRecords} expired idempotency records and ${purged.notifications} old notifications`);
    }
    return purged;
  }
}
