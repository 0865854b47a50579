import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditDigests, LeaderLock } from '@sg/application';
import type { AppConfig, PostgresAuditDigests } from '@sg/infra';
import { WORKER_CONFIG } from '../platform/worker-config';

/** How often the job looks at the feed; the digests themselves follow AUDIT_DIGEST_INTERVAL_MS and AUDIT_DIGEST_MAX_EVENTS. */
const MAX_TICK_MS = 1000;

/**
 * Signs digests of the history (docs/audit.md): as soon as AUDIT_DIGEST_MAX_EVENTS events wait
 * for one, or when AUDIT_DIGEST_INTERVAL_MS has passed since the last and any wait. Only the
 * leading worker signs (a second writer would lose at the digest stream's version anyway).
 */
@Injectable()
export class AuditDigestJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('audit-digests');
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> | null = null;
  private lastWritten = Date.now();

  constructor(
    @Inject(AuditDigests) private readonly digests: PostgresAuditDigests,
    @Inject(LeaderLock) private readonly leader: LeaderLock,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .catch((e) => this.logger.warn(`digest failed: ${(e as Error).message}`))
        .finally(() => (this.running = null));
    }, Math.min(MAX_TICK_MS, this.config.audit.digestIntervalMs));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Signs a digest when one is due; the number of events it covered (0: none due, or not leading). */
  async tick(): Promise<number> {
    const { digestIntervalMs, digestMaxEvents } = this.config.audit;
    const due = Date.now() - this.lastWritten >= digestIntervalMs;
    const waiting = await this.digests.pending(digestMaxEvents);
    if (waiting === 0 || (!due && waiting < digestMaxEvents)) return 0;
    if (!(await this.leader.tryLead())) return 0;
    const covered = await this.digests.write(digestMaxEvents);
    if (covered > 0) {
      this.lastWritten = Date.now();
      this.logger.log(`signed a digest of ${covered} events`);
    }
    return covered;
  }
}
