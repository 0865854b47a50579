import { type AcceptedSection, type AllocatedState, type HypervisorStateRecord, HypervisorStates } from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';
import { computeDesiredState, DesiredState } from './desired-state';

export async function requestForcedSync(m: EntityManager, hypervisorIds: readonly string[]): Promise<void> {
  if (hypervisorIds.length === 0) return;
  await m.query(
    `INSERT INTO hypervisor_states (hypervisor_id, force_pending) SELECT id, true FROM unnest($1::text[]) AS t(id)
     ON CONFLICT (hypervisor_id) DO UPDATE SET force_pending = true`,
    [hypervisorIds],
  );
}

/** See HypervisorStates.allocateRevision; a worker that lost this table still moves the agent forward. */
export async function allocateRevision(ds: DataSource, hypervisorId: string, force: boolean): Promise<AllocatedState & DesiredState> {
  return ds.transaction('READ COMMITTED', async (tx) => {
    await tx.query(`INSERT INTO hypervisor_states (hypervisor_id) VALUES ($1) ON CONFLICT DO NOTHING`, [hypervisorId]);
    const [row] = await tx.query(
      `SELECT desired_revision::float8 AS desired, applied_revision::float8 AS applied, desired_hash, force_pending FROM hypervisor_states WHERE hypervisor_id = $1 FOR UPDATE`,
      [hypervisorId],
    );
    const forced = force || row.force_pending;
    const state = await computeDesiredState(tx, hypervisorId);
    if (row.desired_hash === state.hash && row.desired > 0 && !forced) {
      // Acknowledged only when the agent's last known revision IS this one: a higher one came from
      // somewhere else (drift), and gets a push above it.
      return { ...state, revision: row.desired, acknowledged: row.applied === row.desired, forced: false };
    }
    const revision = Math.max(row.desired, row.applied) + 1;
    await tx.query(`UPDATE hypervisor_states SET desired_revision = $2, desired_hash = $3, force_pending = false, updated_at = now() WHERE hypervisor_id = $1`, [
      hypervisorId,
      revision,
      state.hash,
    ]);
    return { ...state, revision, acknowledged: false, forced };
  });
}

export async function recordApplied(m: EntityManager, hypervisorId: string, revision: number, pushed: boolean): Promise<void> {
  await m.query(
    `UPDATE hypervisor_states SET applied_revision = GREATEST(applied_revision, $2), last_contact_at = now(), last_error = NULL,
       pushes = pushes + $3, updated_at = now() WHERE hypervisor_id = $1`,
    [hypervisorId, revision, pushed ? 1 : 0],
  );
}

export async function recordReported(m: EntityManager, hypervisorId: string, appliedRevision: number): Promise<void> {
  await m.query(
    `INSERT INTO hypervisor_states (hypervisor_id, applied_revision, last_contact_at) VALUES ($1, $2, now())
     ON CONFLICT (hypervisor_id) DO UPDATE SET applied_revision = $2, last_contact_at = now(), updated_at = now()`,
    [hypervisorId, appliedRevision],
  );
}

export async function recordError(m: EntityManager, hypervisorId: string, error: string): Promise<void> {
  await m.query(`UPDATE hypervisor_states SET last_error = $2, updated_at = now() WHERE hypervisor_id = $1`, [hypervisorId, error.slice(0, 1000)]);
}

export async function hypervisorStates(m: EntityManager, hypervisorId?: string): Promise<Map<string, HypervisorStateRecord>> {
  const rows = await m.query(`SELECT * FROM hypervisor_states WHERE ($1::text IS NULL OR hypervisor_id = $1)`, [hypervisorId ?? null]);
  return new Map(
    rows.map((r: Record<string, any>) => [
      r.hypervisor_id,
      {
        hypervisorId: r.hypervisor_id,
        desiredRevision: Number(r.desired_revision),
        desiredHash: r.desired_hash,
        appliedRevision: Number(r.applied_revision),
        lastContactAt: r.last_contact_at ? new Date(r.last_contact_at).toISOString() : null,
        lastError: r.last_error,
        pushes: Number(r.pushes),
      },
    ]),
  );
}

/** See HypervisorStates.acceptedSections. */
export async function acceptedSections(m: EntityManager, hypervisorId: string): Promise<Map<string, AcceptedSection> | null> {
  const [state]: { sections_recorded: boolean }[] = await m.query(`SELECT sections_recorded FROM hypervisor_states WHERE hypervisor_id = $1`, [hypervisorId]);
  if (!state?.sections_recorded) return null;
  const rows: { tenant: string; hash: string; section: { ports: AcceptedSection['ports']; remoteGroups: AcceptedSection['remoteGroups'] } }[] = await m.query(
    `SELECT tenant, hash, section FROM hypervisor_sections WHERE hypervisor_id = $1`,
    [hypervisorId],
  );
  return new Map(rows.map((r) => [r.tenant, { tenant: r.tenant, hash: r.hash, ports: r.section.ports, remoteGroups: r.section.remoteGroups }]));
}

/** See HypervisorStates.recordAcceptedSections: the hashes are read first, and only the sections that changed are sent. */
export async function recordAcceptedSections(ds: DataSource, hypervisorId: string, sections: readonly AcceptedSection[]): Promise<void> {
  await ds.transaction('READ COMMITTED', async (tx) => {
    const known = new Map<string, string>(
      (await tx.query(`SELECT tenant, hash FROM hypervisor_sections WHERE hypervisor_id = $1`, [hypervisorId])).map((r: { tenant: string; hash: string }) => [r.tenant, r.hash]),
    );
    const changed = sections.filter((s) => known.get(s.tenant) !== s.hash);
    const gone = [...known.keys()].filter((tenant) => !sections.some((s) => s.tenant === tenant));
    if (gone.length > 0) await tx.query(`DELETE FROM hypervisor_sections WHERE hypervisor_id = $1 AND tenant = ANY($2)`, [hypervisorId, gone]);
    if (changed.length > 0) {
      await tx.query(
        `INSERT INTO hypervisor_sections (hypervisor_id, tenant, hash, section)
         SELECT $1, s->>'tenant', s->>'hash', s->'section' FROM jsonb_array_elements($2::jsonb) AS s
         ON CONFLICT (hypervisor_id, tenant) DO UPDATE SET hash = EXCLUDED.hash, section = EXCLUDED.section, updated_at = now()`,
        [hypervisorId, JSON.stringify(changed.map((c) => ({ tenant: c.tenant, hash: c.hash, section: { ports: c.ports, remoteGroups: c.remoteGroups } })))],
      );
    }
    await tx.query(`UPDATE hypervisor_states SET sections_recorded = true WHERE hypervisor_id = $1 AND NOT sections_recorded`, [hypervisorId]);
  });
}

/** See HypervisorStates.allocateFallbackRevision. */
export async function allocateFallbackRevision(m: EntityManager, hypervisorId: string, hash: string): Promise<number> {
  const [row]: { revision: number }[] = await m.query(
    `WITH u AS (UPDATE hypervisor_states SET desired_revision = GREATEST(desired_revision, applied_revision) + 1, desired_hash = $2, updated_at = now()
      WHERE hypervisor_id = $1 RETURNING desired_revision) SELECT desired_revision::float8 AS revision FROM u`,
    [hypervisorId, hash],
  );
  return row.revision;
}

/** See HypervisorStates.settleFallback. */
export async function settleFallback(m: EntityManager, hypervisorId: string, revision: number, hash: string): Promise<void> {
  await m.query(`UPDATE hypervisor_states SET desired_revision = $2, desired_hash = $3, updated_at = now() WHERE hypervisor_id = $1`, [hypervisorId, revision, hash]);
}

export class PostgresHypervisorStates extends HypervisorStates {
  constructor(private readonly ds: DataSource) {
    super();
  }

  all(): Promise<Map<string, HypervisorStateRecord>> {
    return hypervisorStates(this.ds.manager);
  }

  async find(hypervisorId: string): Promise<HypervisorStateRecord | null> {
    return (await hypervisorStates(this.ds.manager, hypervisorId)).get(hypervisorId) ?? null;
  }

  revisionLags(): Promise<{ hypervisorId: string; lag: number }[]> {
    return this.ds.query(
      `SELECT h.id AS "hypervisorId", GREATEST(COALESCE(s.desired_revision, 0) - COALESCE(s.applied_revision, 0), 0)::int AS lag
         FROM rm_hypervisors h LEFT JOIN hypervisor_states s ON s.hypervisor_id = h.id ORDER BY h.id`,
    );
  }

  requestForcedSync(hypervisorIds: readonly string[]): Promise<void> {
    return requestForcedSync(this.ds.manager, hypervisorIds);
  }

  allocateRevision(hypervisorId: string, force: boolean): Promise<AllocatedState> {
    return allocateRevision(this.ds, hypervisorId, force);
  }

  recordApplied(hypervisorId: string, revision: number, pushed: boolean): Promise<void> {
    return recordApplied(this.ds.manager, hypervisorId, revision, pushed);
  }

  recordReported(hypervisorId: string, appliedRevision: number): Promise<void> {
    return recordReported(this.ds.manager, hypervisorId, appliedRevision);
  }

  recordError(hypervisorId: string, error: string): Promise<void> {
    return recordError(this.ds.manager, hypervisorId, error);
  }

  acceptedSections(hypervisorId: string): Promise<Map<string, AcceptedSection> | null> {
    return acceptedSections(this.ds.manager, hypervisorId);
  }

  recordAcceptedSections(hypervisorId: string, sections: readonly AcceptedSection[]): Promise<void> {
    return recordAcceptedSections(this.ds, hypervisorId, sections);
  }

  allocateFallbackRevision(hypervisorId: string, hash: string): Promise<number> {
    return allocateFallbackRevision(this.ds.manager, hypervisorId, hash);
  }

  settleFallback(hypervisorId: string, revision: number, hash: string): Promise<void> {
    return settleFallback(this.ds.manager, hypervisorId, revision, hash);
  }

  async hasDrifted(hypervisorId: string): Promise<boolean> {
    const desired = await computeDesiredState(this.ds.manager, hypervisorId);
    const [row]: { desired_hash: string | null }[] = await this.ds.query(`SELECT desired_hash FROM hypervisor_states WHERE hypervisor_id = $1`, [hypervisorId]);
    return row?.desired_hash !== desired.hash;
  }
}
