import { Module } from '@nestjs/common';
import { RedisHealth } from '../platform/persistence/redis-health';
import { ApiReadiness } from './api-readiness';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController], providers: [RedisHealth, ApiReadiness] })
export class HealthModule {}
