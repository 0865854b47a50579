import { ApiProperty } from '@nestjs/swagger';

export class RegisterHypervisorRequest {
  @ApiProperty({ example: 'http://10.0.0.7:7001', description: 'The agent\'s base URL: http or https, without credentials, query or fragment' }) agentUrl!: string;
}
