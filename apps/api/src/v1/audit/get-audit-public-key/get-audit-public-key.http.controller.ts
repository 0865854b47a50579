import { Controller, Get, Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type AuditPublicKey, GetAuditPublicKeyQuery } from '@sg/application';
import { ApiProblems } from '../../../platform/http/problem.response';

export class AuditPublicKeyResponse {
  @ApiProperty({ example: 'Ed25519', enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({ example: '5e1f…', description: 'hex SHA-256 of the key (SPKI DER): the `keyId` of every digest it signed' }) keyId!: string;
  @ApiProperty({ example: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA…\n-----END PUBLIC KEY-----\n', description: 'The public key, SPKI PEM' }) publicKey!: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class GetAuditPublicKeyHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get('public-key')
  @ApiOperation({
    summary: 'The public key the audit digests are signed with',
    description: 'Ed25519. Keep a copy apart from the archives: `npm run audit -- verify --public-key <file>` checks an archive against it offline.',
  })
  @ApiOkResponse({ type: AuditPublicKeyResponse })
  @ApiProblems({})
  async publicKey(): Promise<AuditPublicKeyResponse> {
    const key: AuditPublicKey = await this.queryBus.execute(new GetAuditPublicKeyQuery());
    return { ...key };
  }
}
