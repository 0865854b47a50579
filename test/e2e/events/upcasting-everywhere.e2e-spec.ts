import { EVENT_REGISTRY, newId } from '@sg/application';
import { OperationEventTypes } from '@sg/domain';
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { eventually, startSystem, System } from '../../support/system';

const ROOT = resolve(__dirname, '../../..');

/**
 * An older release stored `operation.queued` with the operation's text under `message`; the
 * current shape calls it `summary`. This upcaster, registered in the one event registry, is what
 * a developer would add there. The API, the worker and `npm run projections:rebuild` must all
 * read the old event through it: each would otherwise refuse the payload (no summary). One
 * module holds it, loaded by this process and, through a preload, by the CLI's.
 */
const UPCASTER = `exports.upcast = (data) => { const { message, ...rest } = data; return { ...rest, summary: message }; };\n`;

describe('An upcaster registered in the event registry is used by the API, the worker and the projection rebuild', () => {
  let sys: System;
  const operationId = newId('op');
  const summary = 'Imported from the old release';

  const upcasterModule = join(tmpdir(), `sg-upcaster-${operationId}.js`);

  beforeAll(async () => {
    writeFileSync(upcasterModule, UPCASTER);
    const { upcast } = await import(upcasterModule);
    EVENT_REGISTRY.registerUpcaster(OperationEventTypes.Queued, EVENT_REGISTRY.currentVersion(OperationEventTypes.Queued), upcast);
    sys = await startSystem({ agents: [], worker: false });
    // Written by the old release, before the upcaster: schema version 1, `message` not `summary`.
    const old = { operationId, tenant: 'demo', operationType: 'security-group.rules.added', resource: { type: 'security-group', id: 'sg-old' }, message: summary, changePosition: null, targets: [], at: new Date().toISOString() };
    await sys.api.db.dataSource.query(
      `INSERT INTO events (stream_id, stream_type, version, type, schema_version, data, metadata, tenant) VALUES ($1, 'operation', 1, $2, 1, $3, $4, 'demo')`,
      [operationId, OperationEventTypes.Queued, JSON.stringify(old), JSON.stringify({ actor: 'old-release', tenant: 'demo' })],
    );
  });
  afterAll(async () => {
    await sys?.close();
    rmSync(upcasterModule, { force: true });
  });

  it('npm run projections:rebuild, given the same upcaster in the registry, rebuilds the operation from the old event', async () => {
    const preload = join(tmpdir(), `sg-upcaster-preload-${operationId}.js`);
    const type = JSON.stringify(OperationEventTypes.Queued);
    writeFileSync(
      preload,
      `const { EVENT_REGISTRY } = require(${JSON.stringify(join(ROOT, 'dist/libs/application/src/index.js'))});\n` +
        `EVENT_REGISTRY.registerUpcaster(${type}, EVENT_REGISTRY.currentVersion(${type}), require(${JSON.stringify(upcasterModule)}).upcast);\n`,
    );
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'projections:rebuild'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: sys.api.db.url, NODE_OPTIONS: `--require ${preload}` },
    });
    expect(stdout).toMatch(/Replayed \d+ events?/);
    const res = await sys.http.get(`/v1/operations/${operationId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: operationId, status: 'queued', message: `${summary}; nothing to propagate` });
  });

  it('the API reads the old event in the current shape (the feed, read through its event store)', async () => {
    const res = await sys.operator.get('/v1/events?after=0&limit=1000');
    expect(res.status).toBe(200);
    const event = res.body.find((e: { streamId: string }) => e.streamId === operationId);
    expect(event.data).toMatchObject({ summary });
    expect(event.data).not.toHaveProperty('message');
  });

  it('the worker relays it as a notification of the operation in the current shape', async () => {
    await sys.startWorker();
    const notification = await eventually('the relay to notify the old operation', async () => {
      const res = await sys.http.get('/v1/notifications?after=0');
      return res.body.find((n: { operation: { id: string } | null }) => n.operation?.id === operationId);
    });
    expect(notification.operation).toMatchObject({ id: operationId, status: 'queued', message: `${summary}; nothing to propagate` });
  });
});
