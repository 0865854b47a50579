import { QuotaReadModel, type QuotaUsage } from '@sg/application';
import type { QuotaState } from '@sg/domain';
import type { DataSource } from 'typeorm';

/** `rm_quotas`, and the usage counted from the project VPC's groups and rules. */
export class PostgresQuotaReadModel extends QuotaReadModel {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async find(tenant: string): Promise<QuotaState | null> {
    const rows = await this.ds.manager.query(`SELECT security_groups, security_group_rules FROM rm_quotas WHERE tenant = $1`, [tenant]);
    return rows.length === 0 ? null : { securityGroups: rows[0].security_groups, securityGroupRules: rows[0].security_group_rules };
  }

  async usage(tenant: string): Promise<QuotaUsage> {
    const [row] = await this.ds.manager.query(
      `SELECT (SELECT count(*) FROM rm_security_groups WHERE tenant = $1 AND conventions = 'neutron')::int AS groups,
              (SELECT count(*) FROM rm_security_group_rules r JOIN rm_security_groups g ON g.id = r.group_id
                WHERE g.tenant = $1 AND g.conventions = 'neutron')::int AS rules`,
      [tenant],
    );
    return { securityGroups: row.groups, securityGroupRules: row.rules };
  }
}
