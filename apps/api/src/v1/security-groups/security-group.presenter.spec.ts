import type { GroupChanged } from '@sg/application';
import type { SecurityGroup } from '@sg/domain';
import { groupChangeAnswer } from './security-group.presenter';

const at = '2026-11-27T10:00:00.000Z';
const group: SecurityGroup = {
  id: 'sg-1', vpcId: 'vpc-1', tenant: 'demo', name: 'web', description: '', tags: { b: '2', a: '1' }, isDefault: false, conventions: 'product',
  rules: [{ id: 'sgr-1', direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remote: '10.0.0.0/8', remoteGroupId: null, description: '' }],
  appliedTo: { instanceIds: [], cidrs: [] }, createdAt: at, updatedAt: at,
};
const changed = (overrides: Partial<GroupChanged> = {}): GroupChanged => ({ groupId: 'sg-1', group, version: 3, operation: { id: 'op-1', status: 'queued' }, latestOperation: 'queued', ...overrides });

describe('groupChangeAnswer: /v1\'s answer to a change of a group', () => {
  it('shows the group as the change left it, the operation to follow, and the request\'s warnings', () => {
    const answer = groupChangeAnswer(202, ['rules[0].remote[0]: host bits of 10.0.0.1/8 were cleared; using 10.0.0.0/8'])(changed());
    expect(answer.statusCode).toBe(202);
    expect(answer.headers).toEqual({ 'Operation-Location': '/v1/operations/op-1' });
    expect(answer.body).toMatchObject({
      id: 'sg-1', version: 3, tags: { a: '1', b: '2' }, propagation: 'propagating',
      inboundRules: [{ id: 'sgr-1', type: 'SSH', portRange: { from: 22, to: 22 }, action: 'ALLOW' }], outboundRules: [],
      operation: { id: 'op-1', status: 'queued', href: '/v1/operations/op-1' },
      warnings: ['rules[0].remote[0]: host bits of 10.0.0.1/8 were cleared; using 10.0.0.0/8'],
    });
  });

  it('a creation: 201, the operation first and then Location', () => {
    const answer = groupChangeAnswer(201, [], (id) => ({ Location: `/v1/security-groups/${id}` }))(changed({ operation: { id: 'op-2', status: 'succeeded' }, latestOperation: 'succeeded' }));
    expect(Object.entries(answer.headers)).toEqual([['Operation-Location', '/v1/operations/op-2'], ['Location', '/v1/security-groups/sg-1']]);
    expect(answer.body).toMatchObject({ propagation: 'in-sync', operation: { status: 'succeeded' } });
  });

  it('an edit that opened no operation: no header, no operation, propagation of the latest one before it', () => {
    const answer = groupChangeAnswer(200)(changed({ operation: null, latestOperation: 'failed' }));
    expect(answer.headers).toEqual({});
    expect(answer.body).not.toHaveProperty('operation');
    expect(answer.body).toMatchObject({ propagation: 'failed', warnings: [] });
  });

  it('a deletion: the id, deleted, and the operation that detaches it', () => {
    expect(groupChangeAnswer(202)(changed({ group: null })).body).toEqual({ id: 'sg-1', deleted: true, operation: { id: 'op-1', status: 'queued', href: '/v1/operations/op-1' } });
  });
});
