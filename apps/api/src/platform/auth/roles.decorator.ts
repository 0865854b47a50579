import { SetMetadata } from '@nestjs/common';

export const OPERATOR_ONLY = 'sg:operator-only';

/** The route is for operators: a member's key gets 403. */
export const OperatorOnly = () => SetMetadata(OPERATOR_ONLY, true);

export const PUBLIC = 'sg:public';

/**
 * The route needs no API key (health, metrics, the queue page, which holds no data). Every other
 * route needs one: the guard decides by this mark, not by the path, so no spelling of a path
 * (`/V1/…`, say, which Express routes case-insensitively) gets past it.
 */
export const Public = () => SetMetadata(PUBLIC, true);

export const ACCEPTS_STREAM_TICKET = 'sg:accepts-stream-ticket';

/** The route also takes `?ticket=` (StreamTickets) in place of the Authorization header. */
export const AcceptsStreamTicket = () => SetMetadata(ACCEPTS_STREAM_TICKET, true);
