import { Module } from '@nestjs/common';
import { SearchAuditEventsHttpController } from './search-audit-events/search-audit-events.http.controller';

/** Auditors' questions over the event history: who changed what. */
@Module({ controllers: [SearchAuditEventsHttpController] })
export class AuditModule {}
