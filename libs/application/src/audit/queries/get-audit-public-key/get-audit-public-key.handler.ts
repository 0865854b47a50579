import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuditDigests, type AuditPublicKey } from '../../../ports/audit-digests.port';
import { GetAuditPublicKeyQuery } from './get-audit-public-key.query';

/** The public key of the digests: anyone with an API key may check them. */
@QueryHandler(GetAuditPublicKeyQuery)
export class GetAuditPublicKeyHandler implements IQueryHandler<GetAuditPublicKeyQuery> {
  constructor(@Inject(AuditDigests) private readonly digests: AuditDigests) {}

  execute(): Promise<AuditPublicKey> {
    return this.digests.publicKey();
  }
}
