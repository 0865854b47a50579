import { Module } from '@nestjs/common';
import { GetAuditPublicKeyHttpController } from './get-audit-public-key/get-audit-public-key.http.controller';
import { ListAuditDigestsHttpController } from './list-audit-digests/list-audit-digests.http.controller';
import { SearchAuditEventsHttpController } from './search-audit-events/search-audit-events.http.controller';

/** Auditors' questions over the event history: who changed what. */
@Module({ controllers: [SearchAuditEventsHttpController, GetAuditPublicKeyHttpController, ListAuditDigestsHttpController] })
export class AuditModule {}
