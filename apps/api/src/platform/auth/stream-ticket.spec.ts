import type { ApiKey } from '@sg/infra';
import { principalOf } from './principal';
import { STREAM_TICKET_TTL_MS, StreamTickets } from './stream-ticket';

const member: ApiKey = { key: 'member-key-demo-0001', tenant: 'demo', role: 'member' };
const operator: ApiKey = { key: 'operator-key-ops-0001', tenant: 'ops', role: 'operator' };

describe('StreamTickets', () => {
  const now = Date.UTC(2026, 10, 27, 12);
  const tickets = new StreamTickets([member, operator]);

  it('stands for the principal that asked, until it expires', () => {
    const { ticket, expiresAt } = tickets.issue(principalOf(member), now);
    expect(expiresAt).toBe(new Date(now + STREAM_TICKET_TTL_MS).toISOString());
    expect(tickets.verify(ticket, now)).toEqual(principalOf(member));
    expect(tickets.verify(ticket, now + STREAM_TICKET_TTL_MS - 1)).toEqual(principalOf(member));
    expect(tickets.verify(ticket, now + STREAM_TICKET_TTL_MS)).toBeNull();
  });

  it('is accepted by another replica with the same keys, and by none with other keys', () => {
    const { ticket } = tickets.issue(principalOf(operator), now);
    expect(new StreamTickets([operator, member]).verify(ticket, now)).toEqual(principalOf(operator));
    expect(new StreamTickets([member, { ...operator, key: 'operator-key-ops-0002' }]).verify(ticket, now)).toBeNull();
  });

  it('refuses a ticket whose key was removed, and any forged or mangled one', () => {
    const { ticket } = tickets.issue(principalOf(member), now);
    const [payload, signature] = ticket.split('.');
    const forged = Buffer.from(JSON.stringify({ a: principalOf(operator).actor, e: now + 1000 })).toString('base64url');
    for (const bad of ['', 'x', `${payload}`, `${payload}.`, `${forged}.${signature}`, `${payload}.${signature}x`, `${ticket}.extra`, `${payload}.${signature.slice(1)}`]) {
      expect(tickets.verify(bad, now)).toBeNull();
    }
    // Signed with the same keys, but naming a key that is no longer configured.
    const withoutMember = new StreamTickets([operator]);
    expect(withoutMember.verify(ticket, now)).toBeNull();
  });
});
