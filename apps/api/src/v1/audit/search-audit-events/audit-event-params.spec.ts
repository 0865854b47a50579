import { Problem } from '../../../platform/http/problem';
import { parseAuditEventsQuery } from './audit-event-params';

/** The paths a query's 400 names, or [] when it parses. */
function badPaths(query: Record<string, unknown>): string[] {
  try {
    parseAuditEventsQuery(query);
    return [];
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    return (error.errors ?? []).map((issue) => issue.path);
  }
}

describe('parseAuditEventsQuery', () => {
  it('takes no filter at all: the whole history from the start, 100 at a time', () => {
    expect(parseAuditEventsQuery({})).toEqual({ filter: {}, after: '0', limit: 100 });
  });

  it('reads every filter', () => {
    expect(
      parseAuditEventsQuery({
        actor: 'demo/member#3f9a1c2e',
        type: 'security-group.rules.added',
        resourceId: 'sg-0mh2k8q1a7c1d2e3f4a5b',
        from: '2026-11-27T12:00:00+02:00',
        to: '2026-11-27T11:00:00.5Z',
        after: '42',
        limit: '7',
      }),
    ).toEqual({
      filter: {
        actor: 'demo/member#3f9a1c2e',
        type: 'security-group.rules.added',
        resourceId: 'sg-0mh2k8q1a7c1d2e3f4a5b',
        from: new Date('2026-11-27T10:00:00.000Z'),
        to: new Date('2026-11-27T11:00:00.500Z'),
      },
      after: '42',
      limit: 7,
    });
  });

  it.each(['vpc.created', 'security-group.*', 'operation.target.attempt-failed', 'quota.*', 'hypervisor.agent-url-changed'])('takes the type %s', (type) => {
    expect(parseAuditEventsQuery({ type }).filter.type).toBe(type);
  });

  it.each(['hypervisor:hv-1', 'quota:demo', 'i-0mh2k8q1a7c1d2e3f4a5d'])('takes the resource id %s', (resourceId) => {
    expect(parseAuditEventsQuery({ resourceId }).filter.resourceId).toBe(resourceId);
  });

  it('reads an unencoded + of a time zone, which arrives as a space', () => {
    expect(parseAuditEventsQuery({ from: '2026-11-27T12:00:00 02:00' }).filter.from).toEqual(new Date('2026-11-27T10:00:00Z'));
  });

  it('takes from equal to to (an empty window)', () => {
    expect(badPaths({ from: '2026-11-27T10:00:00Z', to: '2026-11-27T10:00:00Z' })).toEqual([]);
  });

  it.each([
    [{ actor: '' }, ['actor']],
    [{ actor: 'x'.repeat(257) }, ['actor']],
    [{ actor: 'demo/member\n#1' }, ['actor']],
    [{ actor: ['a', 'b'] }, ['actor']],
    [{ type: '' }, ['type']],
    [{ type: '*' }, ['type']],
    [{ type: 'security-group.' }, ['type']],
    [{ type: 'Security-Group.created' }, ['type']],
    [{ type: 'security-group.*.added' }, ['type']],
    [{ type: "vpc.created' OR 1=1" }, ['type']],
    [{ resourceId: '' }, ['resourceId']],
    [{ resourceId: 'sg 1' }, ['resourceId']],
    [{ resourceId: 'x'.repeat(129) }, ['resourceId']],
    [{ from: 'yesterday' }, ['from']],
    [{ from: '2026-11-27' }, ['from']],
    [{ to: '2026-02-30T00:00:00Z' }, ['to']],
    [{ from: '2026-11-28T00:00:00Z', to: '2026-11-27T00:00:00Z' }, ['to']],
    [{ after: '-1' }, ['after']],
    [{ limit: '0' }, ['limit']],
    [{ limit: '1001' }, ['limit']],
    [{ actor: '', type: '?', resourceId: ' ', from: 'x', to: 'y', limit: 'z' }, ['actor', 'type', 'resourceId', 'from', 'to', 'limit']],
  ])('refuses %j, naming %j', (query, paths) => {
    expect(badPaths(query)).toEqual(paths);
  });
});
