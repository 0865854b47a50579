import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { EventStore } from '@sg/application';
import { instrumentAppends } from '@sg/infra';
import { OpenStreams } from '../lifecycle/open-streams';
import { ApiMetrics } from './api-metrics';
import { MetricsHttpController } from './metrics.http.controller';

/** Metrics and the open-stream tracking of the API; logging is nestjs-pino's LoggerModule (createApi). */
@Global()
@Module({ controllers: [MetricsHttpController], providers: [ApiMetrics, OpenStreams], exports: [ApiMetrics, OpenStreams] })
export class ObservabilityModule implements OnModuleInit {
  constructor(
    @Inject(ApiMetrics) private readonly metrics: ApiMetrics,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    instrumentAppends(this.store, this.metrics.registry);
  }
}
