import { VpcEventTypes as T } from '@sg/domain';
import type { EntityManager } from 'typeorm';
import { VpcEvents, type StoredEvent } from '@sg/application';
import type { InlineProjection } from '../event-store/inline-projection';

/** `rm_vpcs`: one row per live VPC. */
export const vpcProjection: InlineProjection = {
  name: 'vpcs',
  handles: (type) => VpcEvents.handles(type),
  async apply(tx: EntityManager, events: readonly StoredEvent[]) {
    for (const stored of events) {
      const e = VpcEvents.decode(stored);
      switch (e.type) {
        case T.Created:
          await tx.query(
            `INSERT INTO rm_vpcs (id, tenant, name, cidr, default_security_group_id, version, created_at, updated_at, conventions)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
            [e.data.vpcId, e.data.tenant, e.data.name, e.data.cidr, e.data.defaultSecurityGroupId, stored.version, e.data.at, e.data.conventions ?? 'product'],
          );
          break;
        case T.Deleted:
          await tx.query(`DELETE FROM rm_vpcs WHERE id = $1`, [e.data.vpcId]);
          break;
      }
    }
  },
};
