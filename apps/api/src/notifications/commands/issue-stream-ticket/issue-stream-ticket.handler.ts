import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamTickets } from '../../../platform/auth/stream-ticket';
import { IssueStreamTicketCommand } from './issue-stream-ticket.command';
import { StreamTicketResponse } from './issue-stream-ticket.response.dto';

/** A ticket for the caller's own notification stream: nothing is stored, nothing is written. */
@CommandHandler(IssueStreamTicketCommand)
export class IssueStreamTicketHandler implements ICommandHandler<IssueStreamTicketCommand> {
  constructor(@Inject(StreamTickets) private readonly tickets: StreamTickets) {}

  async execute({ principal }: IssueStreamTicketCommand): Promise<StreamTicketResponse> {
    const { ticket, expiresAt } = this.tickets.issue(principal);
    return { ticket, expiresAt, streamUrl: `/v1/notifications/stream?ticket=${encodeURIComponent(ticket)}` };
  }
}
