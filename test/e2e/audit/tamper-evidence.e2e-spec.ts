import { execFile } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS } from '../../support/api';
import { createVpcWithGroup } from '../../support/group-fixtures';
import { eventually, startSystem, System } from '../../support/system';

const CLI = join(__dirname, '../../../dist/tools/audit.js');

/** `npm run audit -- verify ...`, as built (asynchronously: the API under test runs in this process). */
function audit(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'verify', ...args], { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ status: code, stdout, stderr });
    });
  });
}

interface Row {
  position: string;
  transaction_id: string;
  stream_id: string;
}

/**
 * Tamper evidence end to end: the worker signs digests of the history; the offline verifier
 * passes the untouched history and fails, naming the position, when someone with full database
 * rights (the owner, the append-only trigger disabled) changes, deletes, inserts or reorders an
 * event, even with the hashes recomputed.
 */
describe('tamper evidence: hash chain, signed digests, offline verifier', () => {
  let sys: System;
  let dir: string;
  const sql = (text: string, params: unknown[] = []) => sys.api.db.dataSource.query(text, params);
  /** As a superuser would: the trigger off for the one statement, in one transaction. */
  const tamper = async (...statements: [string, unknown[]?][]) => {
    await sys.api.db.dataSource.transaction(async (tx) => {
      await tx.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
      for (const [text, params] of statements) await tx.query(text, params ?? []);
      await tx.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    });
  };
  const verifyApi = () => audit('--api', sys.api.url, '--key', KEYS.operator);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sg-audit-'));
    sys = await startSystem({ agents: [], env: { AUDIT_DIGEST_INTERVAL_MS: '200' } });
    const web = await createVpcWithGroup(sys.http, 'web');
    await createVpcWithGroup(sys.http, 'db');
    for (const port of [22, 80, 443]) {
      const added = await sys.http.post(`/v1/security-groups/${web.id}/rules`, { rules: [{ direction: 'inbound', protocol: 'tcp', ports: String(port), remote: ['198.51.100.0/24'] }] });
      expect(added.status).toBe(202);
    }
    // Until a digest covers every event but the digests themselves, then no more digests: the history holds still.
    await eventually('a digest covering the whole history', async () => {
      const [{ uncovered }] = (await sql(
        `SELECT count(*)::int AS uncovered FROM events e
          WHERE e.stream_type <> 'audit-digest'
            AND NOT EXISTS (SELECT 1 FROM events d, jsonb_array_elements(d.data->'digest'->'events') x
                             WHERE d.stream_id = 'audit-digests' AND x->>0 = e.position::text)`,
      )) as { uncovered: number }[];
      return uncovered === 0 ? true : undefined;
    });
    await sys.stopWorker();
  }, 120_000);
  afterAll(async () => {
    await sys?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const events = async (): Promise<Row[]> =>
    sql(`SELECT position::text, transaction_id::text, stream_id FROM events WHERE stream_type = 'security-group' ORDER BY transaction_id, position`);

  it('serves the public key and the signed digests: all for an operator, its own tenant\'s for a member', async () => {
    const key = await sys.operator.get('/v1/audit/public-key');
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(createPublicKey(key.body.publicKey).asymmetricKeyType).toBe('ed25519');

    const all = await sys.operator.get('/v1/audit/digests');
    expect(all.status).toBe(200);
    expect(all.body.length).toBeGreaterThan(0);
    expect(all.body[0]).toMatchObject({ sequence: 1, scope: 'all', keyId: key.body.keyId, digest: expect.objectContaining({ format: 1, previousDigest: null }) });

    const own = await sys.http.get('/v1/audit/digests');
    expect(own.status).toBe(200);
    expect(own.body.length).toBeGreaterThan(0);
    expect(new Set(own.body.map((d: { scope: string }) => d.scope))).toEqual(new Set(['demo']));
    const demoStreams = new Set((await sql(`SELECT DISTINCT stream_id FROM events WHERE tenant = 'demo'`)).map((r: { stream_id: string }) => r.stream_id));
    for (const d of own.body) for (const stream of Object.keys(d.digest.streams)) expect(demoStreams.has(stream)).toBe(true);

    const other = await sys.http.get('/v1/audit/digests?scope=all');
    expect(other.status).toBe(400);
    expect(JSON.stringify(other.body)).toContain('scope');
  });

  it('verifies the untouched history from the API, and a member\'s own archive', async () => {
    const run = await verifyApi();
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^verified \d+ events$/m);
    expect(run.status).toBe(0);
    expect((await audit('--api', sys.api.url, '--key', KEYS.member)).stdout).toMatch(/^verified \d+ events$/m);
  });

  it('verifies an archive offline, and checks the digests\' signatures', async () => {
    const exported = await sys.operator.get('/v1/events/export');
    const digests = await sys.operator.get('/v1/audit/digests');
    const key = await sys.operator.get('/v1/audit/public-key');
    const files = { file: join(dir, 'export.ndjson'), digests: join(dir, 'digests.json'), key: join(dir, 'key.pem') };
    writeFileSync(files.file, exported.text);
    writeFileSync(files.digests, JSON.stringify(digests.body));
    writeFileSync(files.key, key.body.publicKey);
    const count = exported.text.trim().split('\n').length;
    const intact = await audit('--file', files.file, '--digests', files.digests, '--public-key', files.key);
    expect(intact.stdout).toContain(`verified ${count} events`);
    expect(intact.status).toBe(0);

    // Another key: no digest verifies.
    const stranger = join(dir, 'stranger.pem');
    writeFileSync(stranger, createPublicKey(generateKeyPairSync('ed25519').privateKey).export({ type: 'spki', format: 'pem' }).toString());
    const wrongKey = await audit('--file', files.file, '--digests', files.digests, '--public-key', stranger);
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stderr).toContain('is not signed by this key');

    // A digest altered after signing (one event's hash changed to match a forged archive).
    const forged = structuredClone(digests.body);
    forged[0].digest.events[0][1] = '0'.repeat(64);
    writeFileSync(files.digests, JSON.stringify(forged));
    const altered = await audit('--file', files.file, '--digests', files.digests, '--public-key', files.key);
    expect(altered.status).toBe(1);
    expect(altered.stderr).toContain('digest 1');
  });

  it('names the position of a changed event (UPDATE by the owner, trigger disabled)', async () => {
    const [, victim] = await events();
    const [{ data }] = await sql(`SELECT data FROM events WHERE position = $1`, [victim.position]);
    await tamper([`UPDATE events SET data = jsonb_set(data, '{changedBy}', '"mallory"') WHERE position = $1`, [victim.position]]);
    try {
      const run = await verifyApi();
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`failed at position ${victim.position}`);
      expect(run.stderr).toContain('changed');
    } finally {
      await tamper([`UPDATE events SET data = $2 WHERE position = $1`, [victim.position, JSON.stringify(data)]]);
    }
    expect((await verifyApi()).status).toBe(0);
  });

  it('names the position of a changed event even when its hash and every later hash of its stream are recomputed', async () => {
    const all = await events();
    const victim = all[1];
    const saved = await sql(`SELECT position, data, previous_hash, hash FROM events WHERE stream_id = $1 ORDER BY version`, [victim.stream_id]);
    await tamper(
      [`UPDATE events SET data = jsonb_set(data, '{changedBy}', '"mallory"') WHERE position = $1`, [victim.position]],
      // Rehash the whole stream in order, as the migration's backfill does.
      [
        `DO $$ DECLARE ev record; prev text := NULL; h text; BEGIN
           FOR ev IN SELECT * FROM events WHERE stream_id = '${victim.stream_id}' ORDER BY version LOOP
             h := sg_event_hash(prev, ev.stream_id, ev.stream_type, ev.version, ev.type, ev.schema_version, ev.data, ev.metadata, ev.recorded_at);
             UPDATE events SET previous_hash = prev, hash = h WHERE position = ev.position;
             prev := h;
           END LOOP; END $$`,
      ],
    );
    try {
      const run = await verifyApi();
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`failed at position ${victim.position}`);
    } finally {
      await tamper(...saved.map((row: { position: string; data: unknown; previous_hash: string | null; hash: string }): [string, unknown[]] => [
        `UPDATE events SET data = $2, previous_hash = $3, hash = $4 WHERE position = $1`,
        [row.position, JSON.stringify(row.data), row.previous_hash, row.hash],
      ]));
    }
    expect((await verifyApi()).status).toBe(0);
  });

  it('names the position of a deleted event', async () => {
    const [, victim] = await events();
    const [row] = await sql(`SELECT * FROM events WHERE position = $1`, [victim.position]);
    await tamper([`DELETE FROM events WHERE position = $1`, [victim.position]]);
    try {
      const run = await verifyApi();
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`failed at position ${victim.position}`);
      expect(run.stderr).toContain('deleted');
    } finally {
      await tamper([
        `INSERT INTO events (position, transaction_id, stream_id, stream_type, version, type, schema_version, data, metadata, tenant, recorded_at, previous_hash, hash)
         OVERRIDING SYSTEM VALUE VALUES ($1, $2::text::xid8, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [row.position, victim.transaction_id, row.stream_id, row.stream_type, row.version, row.type, row.schema_version, JSON.stringify(row.data), JSON.stringify(row.metadata), row.tenant, row.recorded_at, row.previous_hash, row.hash],
      ]);
    }
    expect((await verifyApi()).status).toBe(0);
  });

  it('names the position of an inserted event, hashed as the append would, inside the signed range', async () => {
    const [first] = await events();
    const [{ position }] = await sql(`SELECT nextval(pg_get_serial_sequence('events', 'position'))::text AS position`);
    const stream = 'sg-forged';
    await tamper([
      `INSERT INTO events (position, transaction_id, stream_id, stream_type, version, type, schema_version, data, metadata, tenant, recorded_at, previous_hash, hash)
       OVERRIDING SYSTEM VALUE
       SELECT $1, $2::text::xid8, $3, 'security-group', 1, 'security-group.created', 1, d, m, 'demo', now(), NULL,
              sg_event_hash(NULL, $3, 'security-group', 1, 'security-group.created', 1, d, m, now())
         FROM (SELECT '{"groupId":"sg-forged"}'::jsonb AS d, '{"actor":"demo/member#00000000","tenant":"demo"}'::jsonb AS m) x`,
      [position, first.transaction_id, stream],
    ]);
    try {
      const run = await verifyApi();
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`failed at position ${position}`);
      expect(run.stderr).toContain('inserted');
    } finally {
      await tamper([`DELETE FROM events WHERE position = $1`, [position]]);
    }
    expect((await verifyApi()).status).toBe(0);
  });

  it('names the position of a reordered event (two transactions swap places in commit order)', async () => {
    const all = await events();
    const x = all[1].transaction_id;
    const y = all.find((row) => BigInt(row.transaction_id) > BigInt(x))!.transaction_id;
    const swap = `UPDATE events SET transaction_id = CASE WHEN transaction_id = $1::text::xid8 THEN $2::text::xid8 ELSE $1::text::xid8 END
                   WHERE transaction_id IN ($1::text::xid8, $2::text::xid8)`;
    const [{ position: first }] = await sql(`SELECT min(position)::text AS position FROM events WHERE transaction_id = $1::text::xid8`, [y]);
    await tamper([swap, [x, y]]);
    try {
      const run = await verifyApi();
      expect(run.status).toBe(1);
      // Transaction y's first event now stands where x's first did.
      expect(run.stdout).toContain(`failed at position ${first}`);
      expect(run.stderr).toContain('reordered');
    } finally {
      await tamper([swap, [x, y]]);
    }
    expect((await verifyApi()).status).toBe(0);
  });
});
