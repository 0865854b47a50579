import { Module } from '@nestjs/common';
import { RedisHealth } from '../platform/persistence/redis-health';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController], providers: [RedisHealth] })
export class HealthModule {}
