import { InstanceEventTypes as T } from '@sg/domain';
import type { EntityManager } from 'typeorm';
import { InstanceEvents, type StoredEvent } from '@sg/application';
import type { InlineProjection } from '../event-store/inline-projection';

/** `rm_instances`: where each live instance runs and its addresses. */
export const instanceProjection: InlineProjection = {
  name: 'instances',
  handles: (type) => InstanceEvents.handles(type),
  async apply(tx: EntityManager, events: readonly StoredEvent[]) {
    for (const stored of events) {
      const e = InstanceEvents.decode(stored);
      switch (e.type) {
        case T.Registered: {
          const d = e.data;
          await tx.query(
            `INSERT INTO rm_instances (id, tenant, vpc_id, hypervisor_id, name, ipv4, ipv6, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
            [d.instanceId, d.tenant, d.vpcId, d.hypervisorId, d.name, d.ipv4, d.ipv6, stored.version, d.at],
          );
          break;
        }
        case T.Moved:
          await tx.query(`UPDATE rm_instances SET hypervisor_id = $2, version = $3, updated_at = $4 WHERE id = $1`, [
            e.data.instanceId,
            e.data.toHypervisorId,
            stored.version,
            e.data.at,
          ]);
          break;
        case T.Deleted:
          await tx.query(`DELETE FROM rm_instances WHERE id = $1`, [e.data.instanceId]);
          break;
      }
    }
  },
};
