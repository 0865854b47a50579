import { QuotaReadModel, type QuotaUsage, type Transaction } from '@sg/application';
import type { QuotaState } from '@sg/domain';
import type { DataSource } from 'typeorm';
import { entityManagerOf, managerOf } from '../event-store/postgres-transaction';

/** First key of the per-tenant quota locks; the stream locks use 0x53470001, the VPC locks 0x53470002. */
const QUOTA_LOCK_NAMESPACE = 0x53470003;

/** `rm_quotas`, and the usage counted from the project VPC's groups and rules. */
export class PostgresQuotaReadModel extends QuotaReadModel {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async find(tenant: string, tx?: Transaction): Promise<QuotaState | null> {
    const rows = await managerOf(this.ds, tx).query(`SELECT security_groups, security_group_rules FROM rm_quotas WHERE tenant = $1`, [tenant]);
    return rows.length === 0 ? null : { securityGroups: rows[0].security_groups, securityGroupRules: rows[0].security_group_rules };
  }

  async usage(tenant: string, tx?: Transaction): Promise<QuotaUsage> {
    const [row] = await managerOf(this.ds, tx).query(
      `SELECT (SELECT count(*) FROM rm_security_groups WHERE tenant = $1 AND conventions = 'neutron')::int AS groups,
              (SELECT count(*) FROM rm_security_group_rules r JOIN rm_security_groups g ON g.id = r.group_id
                WHERE g.tenant = $1 AND g.conventions = 'neutron')::int AS rules`,
      [tenant],
    );
    return { securityGroups: row.groups, securityGroupRules: row.rules };
  }

  async lock(tx: Transaction, tenant: string): Promise<void> {
    await entityManagerOf(tx).query(`SELECT pg_advisory_xact_lock(${QUOTA_LOCK_NAMESPACE}, hashtext($1))`, [tenant]);
  }
}
