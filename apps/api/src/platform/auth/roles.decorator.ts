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

export const AGENT_ROUTE = 'sg:agent-route';

/**
 * Who may call a hypervisor's route besides keys: `'agent-only'`, only the agent of the `:id` in
 * the path, with its own credential (registering an agent URL: no API key may point a hypervisor
 * at a URL); `'agent-or-operator'`, that agent or an operator key (a resync). An agent credential
 * opens nothing else.
 */
export const AgentRoute = (who: 'agent-only' | 'agent-or-operator') => SetMetadata(AGENT_ROUTE, who);
