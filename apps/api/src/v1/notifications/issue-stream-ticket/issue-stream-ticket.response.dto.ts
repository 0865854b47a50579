import { ApiProperty } from '@nestjs/swagger';

export class StreamTicketResponse {
  @ApiProperty({ example: 'eyJhIjoiZGVtby9tZW1iZXIjM2Y5YTFjMmUiLCJlIjoxNzk1NzcwMDAwMDAwfQ.Qm9ndXMtc2lnbmF0dXJlLWZvci1kb2Nz', description: 'Opens the notification stream of the caller, and nothing else' })
  ticket!: string;
  @ApiProperty({ example: '2026-11-27T12:15:00.000Z', description: 'After this it opens nothing; a stream already open stays open' })
  expiresAt!: string;
  @ApiProperty({ example: '/v1/notifications/stream?ticket=eyJhIjoi…', description: 'For `new EventSource(streamUrl)`' })
  streamUrl!: string;
}
