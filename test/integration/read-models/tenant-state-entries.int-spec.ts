import { stateEntriesByHypervisor } from '@sg/domain';
import { PostgresInstanceReadModel, PostgresSecurityGroupReadModel, tenantStateEntries } from '@sg/infra';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/**
 * The state budget's count in SQL (`sg_tenant_state_entries`, which the write path's recheck
 * runs under the tenant's lock) is the domain's stateEntriesByHypervisor over all the tenant's
 * VPCs: rules on each port, remote groups' members once per hypervisor, CIDR attachments of
 * either IP version, and nothing of another tenant.
 */
describe('sg_tenant_state_entries', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    const q = (sql: string, params: unknown[]) => db.dataSource.query(sql, params);
    const now = new Date().toISOString();
    for (const [id, tenant] of [['vpc-1', 'acme'], ['vpc-2', 'acme'], ['vpc-3', 'other']]) {
      await q(`INSERT INTO rm_vpcs (id, tenant, name, cidr, default_security_group_id, version, created_at, updated_at) VALUES ($1, $2, $1, NULL, 'sg-none', 1, $3, $3)`, [id, tenant, now]);
    }
    const instances: [string, string, string, string, string, string | null][] = [
      ['i-1', 'acme', 'vpc-1', 'hv-1', '10.0.1.1', 'fd00::1'],
      ['i-2', 'acme', 'vpc-1', 'hv-1', '10.0.1.2', null],
      ['i-3', 'acme', 'vpc-1', 'hv-2', '10.0.2.3', null],
      ['i-4', 'acme', 'vpc-2', 'hv-1', '10.0.1.1', null],
      ['i-5', 'acme', 'vpc-2', 'hv-2', '10.9.0.5', 'fd00::5'],
      ['i-6', 'other', 'vpc-3', 'hv-1', '10.0.1.1', null],
    ];
    for (const [id, tenant, vpc, hv, ipv4, ipv6] of instances) {
      await q(`INSERT INTO rm_instances (id, tenant, vpc_id, hypervisor_id, name, ipv4, ipv6, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $1, $5, $6, 1, $7, $7)`, [id, tenant, vpc, hv, ipv4, ipv6, now]);
    }
    const groups: { id: string; tenant: string; vpc: string; rules: (string | null)[]; instances: string[]; cidrs: string[] }[] = [
      // Named on i-1 and i-2, and through 10.0.2.0/24 on i-3; two plain rules and one naming sg-b.
      { id: 'sg-a', tenant: 'acme', vpc: 'vpc-1', rules: [null, null, 'sg-b'], instances: ['i-1', 'i-2'], cidrs: ['10.0.2.0/24'] },
      // Members: i-1 (two addresses) and i-3; reached as well through an IPv6 prefix.
      { id: 'sg-b', tenant: 'acme', vpc: 'vpc-1', rules: [null, 'sg-b'], instances: ['i-3'], cidrs: ['fd00::/120'] },
      // The other VPC: its CIDR 10.0.1.0/24 reaches its own i-4, not vpc-1's ports with the same address.
      { id: 'sg-c', tenant: 'acme', vpc: 'vpc-2', rules: [null, null, null, 'sg-c'], instances: ['i-5'], cidrs: ['10.0.1.0/24'] },
      { id: 'sg-d', tenant: 'acme', vpc: 'vpc-2', rules: [], instances: ['i-4'], cidrs: [] },
      { id: 'sg-x', tenant: 'other', vpc: 'vpc-3', rules: [null, null, null, null, null], instances: ['i-6'], cidrs: [] },
    ];
    for (const g of groups) {
      await q(`INSERT INTO rm_security_groups (id, tenant, vpc_id, name, description, tags, is_default, version, created_at, updated_at) VALUES ($1, $2, $3, $1, '', '{}', false, 1, $4, $4)`, [g.id, g.tenant, g.vpc, now]);
    }
    for (const g of groups) {
      for (const [n, remote] of g.rules.entries()) {
        await q(
          `INSERT INTO rm_security_group_rules (id, group_id, ordinal, direction, protocol, port_from, port_to, ip_version, remote, remote_group_id, description)
           VALUES ($1, $2, $3, 'inbound', 'tcp', $4, $4, $5, $6, $7, '')`,
          [`${g.id}-r${n}`, g.id, n, 1000 + n, 'IPv4', remote ? null : '0.0.0.0/0', remote],
        );
      }
      for (const [n, instance] of g.instances.entries()) await q(`INSERT INTO rm_applied_instances (group_id, instance_id, ordinal) VALUES ($1, $2, $3)`, [g.id, instance, n]);
      for (const [n, cidr] of g.cidrs.entries()) await q(`INSERT INTO rm_applied_cidrs (group_id, cidr, ordinal) VALUES ($1, $2, $3)`, [g.id, cidr, n]);
    }
  });
  afterAll(() => db?.drop());

  it('counts what the domain counts over all the tenant\'s VPCs, and no other tenant\'s', async () => {
    const groups = new PostgresSecurityGroupReadModel(db.dataSource);
    const instances = new PostgresInstanceReadModel(db.dataSource);
    const vpcs = ['vpc-1', 'vpc-2'];
    const all = await Promise.all(vpcs.map(async (v) => ({ groups: await groups.ofVpc(v), instances: await instances.ofVpc(v) })));
    const expected = stateEntriesByHypervisor(all.flatMap((v) => v.groups), all.flatMap((v) => v.instances));
    // hv-1: sg-a's 3 rules on i-1 and i-2, sg-b's 2 on i-1 (fd00::1), sg-b's 3 member addresses once; sg-c's 4 on i-4 (10.0.1.1 in vpc-2) and its 2 members' 3 addresses.
    // hv-2: sg-a's 3 on i-3, sg-b's 2 on i-3, sg-b's members once; sg-c's 4 on i-5.
    expect(expected).toEqual(new Map([['hv-1', 6 + 2 + 3 + 4 + 3], ['hv-2', 3 + 2 + 3 + 4 + 3]]));
    const positive = (m: Map<string, number>) => new Map([...m].filter(([, n]) => n > 0));
    expect(await tenantStateEntries(db.dataSource.manager, 'acme')).toEqual(positive(expected));
    expect(await instances.stateEntriesOfTenant('other')).toEqual(new Map([['hv-1', 5]]));
    expect(await instances.stateEntriesOfTenant('nobody')).toEqual(new Map());
  });

  it('counts only the hypervisors asked for, remote groups\' members wherever they run', async () => {
    const instances = new PostgresInstanceReadModel(db.dataSource);
    const all = await instances.stateEntriesOfTenant('acme');
    // sg-b's members run on both hypervisors; counted on hv-2 alone, they are all there.
    expect(await instances.stateEntriesOfTenant('acme', { hypervisors: ['hv-2'] })).toEqual(new Map([['hv-2', all.get('hv-2')]]));
    expect(await instances.stateEntriesOfTenant('acme', { hypervisors: ['hv-1', 'hv-2'] })).toEqual(all);
    expect(await instances.stateEntriesOfTenant('acme', { hypervisors: ['hv-9'] })).toEqual(new Map());
    expect(await instances.stateEntriesOfTenant('other', { hypervisors: ['hv-1', 'hv-2'] })).toEqual(new Map([['hv-1', 5]]));
  });

  it('with the lock, counts after every earlier holder of the tenant\'s lock has committed', async () => {
    const instances = new PostgresInstanceReadModel(db.dataSource);
    const first = db.dataSource.createQueryRunner();
    await first.connect();
    await first.startTransaction('READ COMMITTED');
    try {
      await tenantStateEntries(first.manager, 'acme', { lock: true });
      // A rule more on sg-d (on i-4, hv-1), written while the first holds the lock and not yet committed.
      await first.query(`INSERT INTO rm_security_group_rules (id, group_id, ordinal, direction, protocol, port_from, port_to, ip_version, remote, remote_group_id, description)
                         VALUES ('sg-d-r0', 'sg-d', 0, 'inbound', 'tcp', 22, 22, 'IPv4', '0.0.0.0/0', NULL, '')`);
      const second = db.dataSource.transaction('READ COMMITTED', (tx) => tenantStateEntries(tx, 'acme', { lock: true, hypervisors: ['hv-1'] }));
      // The second waits on the lock (seen in pg_locks), then counts the first's rule once it commits.
      await waitFor(async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`))[0].n === 1);
      await first.commitTransaction();
      expect((await second).get('hv-1')).toBe(18 + 1);
      expect((await instances.stateEntriesOfTenant('acme')).get('hv-1')).toBe(19);
    } finally {
      if (first.isTransactionActive) await first.rollbackTransaction();
      await first.release();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the condition never held');
}
