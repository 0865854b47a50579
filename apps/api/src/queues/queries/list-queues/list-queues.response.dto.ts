import { ApiProperty } from '@nestjs/swagger';

export class QueueCountsResponse {
  @ApiProperty({ example: 0, description: 'Ready to run, in arrival order (held there while the queue is paused)' }) waiting!: number;
  @ApiProperty({ example: 1, description: 'Running in a worker now' }) active!: number;
  @ApiProperty({ example: 2, description: 'Waiting for their time: a coalescing delay, or the backoff before a retry' }) delayed!: number;
  @ApiProperty({ example: 0, description: 'Ready to run, ordered by priority' }) prioritized!: number;
  @ApiProperty({ example: 870, description: 'Finished successfully (the last 1000 are kept)' }) completed!: number;
  @ApiProperty({ example: 3, description: 'Out of attempts, or failed for good (the last 1000 are kept)' }) failed!: number;
}

export class QueueResponse {
  @ApiProperty({ example: 'hypervisor-sync', description: 'The queue\'s name (its Redis keys are under QUEUE_PREFIX)' }) name!: string;
  @ApiProperty({ example: false, description: 'Whether workers have been told to take no new jobs' }) paused!: boolean;
  @ApiProperty({ type: QueueCountsResponse, description: 'Jobs by state' }) counts!: QueueCountsResponse;
  @ApiProperty({
    example: 0.25,
    nullable: true,
    type: Number,
    description: 'Seconds the next job to run has been waiting since it became ready; null when none waits. Growing while workers are up means they cannot keep up.',
  })
  oldestWaitingAgeSeconds!: number | null;
}
