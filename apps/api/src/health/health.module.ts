import { Module } from '@nestjs/common';
import { RedisHealth } from '../platform/persistence/redis-health';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

@Module({ controllers: [HealthController, MetricsController], providers: [RedisHealth] })
export class HealthModule {}
