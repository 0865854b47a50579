import { checkWithin, readinessOf } from './readiness';

describe('readiness', () => {
  it('is ready when every check is up, degraded when only optional ones are down, else not ready (503)', () => {
    expect(readinessOf({ postgres: { status: 'up' }, redis: { status: 'up' } })).toEqual({ httpStatus: 200, body: { status: 'ready', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } } });
    expect(readinessOf({ postgres: { status: 'up' }, redis: { status: 'down' } }, ['redis'])).toMatchObject({ httpStatus: 200, body: { status: 'degraded' } });
    expect(readinessOf({ postgres: { status: 'down' }, redis: { status: 'down' } }, ['redis'])).toMatchObject({ httpStatus: 503, body: { status: 'not-ready' } });
  });

  it('reports a check that throws or hangs as down', async () => {
    expect(await checkWithin(50, () => Promise.reject(new Error('refused')))).toEqual({ status: 'down', detail: 'refused' });
    expect(await checkWithin(20, () => new Promise(() => undefined))).toEqual({ status: 'down', detail: 'timed out' });
  });
});
