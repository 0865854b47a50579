import { Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { STREAM_TICKET_TTL_MS, StreamTickets } from '../../../platform/auth/stream-ticket';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { StreamTicketResponse } from './issue-stream-ticket.response.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/notifications')
export class IssueStreamTicketHttpController {
  constructor(@Inject(StreamTickets) private readonly tickets: StreamTickets) {}

  @Post('tickets')
  @HttpCode(201)
  @ApiOperation({
    summary: 'A ticket for the notification stream, for browsers',
    description:
      `A browser's EventSource cannot send an Authorization header. Trade the API key for a ticket here and open ` +
      `\`new EventSource(streamUrl)\`: the ticket opens the caller's own stream (and no other endpoint) for ` +
      `${STREAM_TICKET_TTL_MS / 60_000} minutes, for reconnects with Last-Event-ID too; after that ask for a new one. ` +
      'A ticket of a key removed from the configuration opens nothing. Any body is ignored.',
  })
  @ApiCreatedResponse({ type: StreamTicketResponse })
  @ApiProblems({ 400: 'validation-failed: a malformed Idempotency-Key or If-Match header' })
  async issue(@Ctx() ctx: RequestContext, @Res() res: Response): Promise<void> {
    // A ticket for the caller's own notification stream: nothing is stored, nothing is written.
    const { ticket, expiresAt } = this.tickets.issue(ctx.principal);
    const answer: StreamTicketResponse = { ticket, expiresAt, streamUrl: `/v1/notifications/stream?ticket=${encodeURIComponent(ticket)}` };
    res.status(201).set('Cache-Control', 'no-store').json(answer);
  }
}
