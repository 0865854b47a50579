import { ApiProperty } from '@nestjs/swagger';
import { OperationRefResponse } from '../security-group.presenter';

export class SecurityGroupDeletedResponse {
  @ApiProperty({ example: 'sg-0mh2k8q1a7c1d2e3f4a5b' }) id!: string;
  @ApiProperty({ type: Boolean, enum: [true], example: true }) deleted!: true;
  @ApiProperty({ type: OperationRefResponse, description: 'Detaches the group from the hypervisors of the instances it applied to' }) operation!: OperationRefResponse;
}
