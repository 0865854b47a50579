import { Writable } from 'node:stream';
import { createLogger, redactUrl } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, destination };
}

describe('logs', () => {
  it('are JSON lines naming the service, with an ISO time and the level as a word', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'worker', level: 'info', format: 'json', destination }).info({ requestIds: ['r-1'] }, 'pushed');
    expect(lines).toEqual([expect.objectContaining({ service: 'worker', level: 'info', msg: 'pushed', requestIds: ['r-1'], time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);
  });

  it('hide a secret that reaches them by accident', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'api', level: 'info', format: 'json', destination }).warn({ req: { headers: { authorization: 'Bearer dev-member-key' } }, token: 'dev-agent-token' }, 'odd');
    expect(JSON.stringify(lines)).not.toMatch(/dev-member-key|dev-agent-token/);
  });

  it('show request targets without the secrets in their query', () => {
    expect(redactUrl('/v1/notifications/stream?ticket=abc.def&after=12')).toBe('/v1/notifications/stream?ticket=[redacted]&after=12');
    expect(redactUrl('/v1/x?Token=1&api_key=2&keep=3')).toBe('/v1/x?Token=[redacted]&api_key=[redacted]&keep=3');
    expect(redactUrl('/v1/vpcs')).toBe('/v1/vpcs');
  });
});
