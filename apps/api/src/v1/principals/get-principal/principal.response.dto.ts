import { ApiProperty } from '@nestjs/swagger';

/** Who the caller's API key says they are, and the address `my-ip` stands for in their rules. */
export class PrincipalResponse {
  @ApiProperty({ example: 'demo', description: 'The tenant whose resources the key manages' })
  tenant!: string;

  @ApiProperty({ enum: ['member', 'operator'], description: 'member: its tenant\'s resources; operator: every tenant, plus hypervisors, the global feed and retries' })
  role!: string;

  @ApiProperty({ example: 'demo/member#3f9a1c2e', description: 'How the audit trail names this key (`metadata.actor` of the events it writes)' })
  actor!: string;

  @ApiProperty({ example: '198.51.100.7', nullable: true, type: String, description: 'The caller\'s address as the server sees it: what `"remote": "my-ip"` becomes' })
  ip!: string | null;
}
