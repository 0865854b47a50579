import { Query } from '@nestjs/cqrs';
import type { AuditPublicKey } from '../../../ports/audit-digests.port';

export class GetAuditPublicKeyQuery extends Query<AuditPublicKey> {}
