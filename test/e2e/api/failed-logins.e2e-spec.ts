import { randomBytes } from 'node:crypto';
import { KEYS, TEST_API_KEYS } from '../../support/api';
import { eventually } from '../../support/async';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { spawnApi, stopAllWorkers, type WorkerProcess } from '../../support/worker-process';

/** Failed logins are logged (docs/reliability.md): one warning line each, with a fingerprint of the key tried, never the key. */
describe('failed logins', () => {
  let db: TestDatabase;
  let api: WorkerProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await spawnApi({ DATABASE_URL: db.serviceUrl, API_KEYS: TEST_API_KEYS, QUEUE_PREFIX: `sgtest-${randomBytes(4).toString('hex')}`, LOG_FORMAT: 'json' });
  });
  afterAll(async () => {
    await stopAllWorkers();
    await db.drop();
  });

  it('logs an unknown key, a missing one and a member on an operator route, without the key', async () => {
    const guessed = `guessed-key-${randomBytes(6).toString('hex')}`;
    expect((await fetch(`${api.url}/v1/vpcs`, { headers: { authorization: `Bearer ${guessed}` } })).status).toBe(401);
    expect((await fetch(`${api.url}/v1/vpcs`)).status).toBe(401);
    expect((await fetch(`${api.url}/v1/hypervisors`, { headers: { authorization: `Bearer ${KEYS.member}` } })).status).toBe(403);

    const lines = await eventually(async () => {
      const found = api
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'authentication failed' || l.msg === 'access refused');
      return found.length >= 3 ? found : undefined;
    }, { what: 'three lines about refused requests' });
    expect(lines.map((l) => [l.msg, l.method, l.path])).toEqual([
      ['authentication failed', 'GET', '/v1/vpcs'],
      ['authentication failed', 'GET', '/v1/vpcs'],
      ['access refused', 'GET', '/v1/hypervisors'],
    ]);
    expect(lines[0]).toMatchObject({ reason: 'The API key is not known.', keyFingerprint: expect.stringMatching(/^[0-9a-f]{8}$/), remoteAddress: expect.any(String) });
    expect(lines[1].keyFingerprint).toBeUndefined();
    expect(lines[2]).toMatchObject({ actor: expect.stringMatching(/^demo\/member#/) });
    expect(api.output()).not.toContain(guessed);
    expect(api.output()).not.toContain(KEYS.member);
  });
});
