import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../platform/auth/principal';
import type { StreamTicketResponse } from './issue-stream-ticket.response.dto';

export class IssueStreamTicketCommand extends Command<StreamTicketResponse> {
  constructor(readonly principal: Principal) {
    super();
  }
}
