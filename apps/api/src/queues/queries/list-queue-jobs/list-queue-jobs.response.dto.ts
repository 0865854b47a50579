import { ApiProperty } from '@nestjs/swagger';
import { JOB_STATES, JobState } from '../../queue-reader';

export class QueueJobResponse {
  @ApiProperty({ example: '42', description: 'BullMQ\'s job id, unique within the queue' }) id!: string;
  @ApiProperty({ example: 'sync', description: 'What the job does' }) name!: string;
  @ApiProperty({ enum: JOB_STATES, description: 'The state it was listed in' }) state!: JobState;
  @ApiProperty({ example: 'hv-2', nullable: true, type: String, description: 'The hypervisor the job syncs; null when its data names none' }) hypervisorId!: string | null;
  @ApiProperty({ example: false, description: 'A resync: push even when the hypervisor has acknowledged its state' }) force!: boolean;
  @ApiProperty({ example: 2, description: 'Attempts that have ended, successfully or not' }) attemptsMade!: number;
  @ApiProperty({ example: 5, description: 'Attempts it gets before it fails (PROPAGATION_ATTEMPTS)' }) maxAttempts!: number;
  @ApiProperty({
    example: 'agent hv-2 unreachable at http://10.0.0.8:7001: ECONNREFUSED',
    nullable: true,
    type: String,
    description: 'Why the last attempt failed (kept while it waits to retry); null if none has',
  })
  failedReason!: string | null;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z', description: 'When it was queued' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-27T10:00:00.120Z', nullable: true, type: String, description: 'When its last attempt started; null if none has' }) processedAt!: string | null;
  @ApiProperty({ example: '2026-11-27T10:00:00.180Z', nullable: true, type: String, description: 'When it completed or failed for good; null until then' }) finishedAt!: string | null;
}
