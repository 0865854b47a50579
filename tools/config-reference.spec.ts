import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { namesRead } from '@sg/config';
import { loadAgentConfig } from '../apps/agent/src/config/agent-config';
import { loadAppConfig } from '../libs/infra/src/config/app-config';
import { allSettings, configurationReference, REFERENCE_PATH } from './config-reference';

describe('the configuration reference', () => {
  it('is docs/configuration.md as the code declares it (run `npm run build && npm run docs:config` when this fails)', () => {
    expect(readFileSync(join(__dirname, '..', REFERENCE_PATH), 'utf8')).toBe(configurationReference());
  });

  it('declares every variable the processes read, and reads every variable it declares', () => {
    const read = new Set([...namesRead((env) => loadAppConfig(env, 'api')), ...namesRead((env) => loadAppConfig(env, 'worker')), ...namesRead(loadAgentConfig)]);
    const declared = new Set(allSettings().map((s) => s.name));
    expect([...read].filter((name) => !declared.has(name))).toEqual([]);
    expect([...declared].filter((name) => !read.has(name))).toEqual([]);
  });

  it('lists each process\'s own settings under it', () => {
    const doc = configurationReference();
    const section = (title: string) => doc.split(/^## /m).find((s) => s.startsWith(title))!;
    expect(section('API')).toMatch(/`API_KEYS`/);
    expect(section('API')).not.toMatch(/`WORKER_PORT`/);
    expect(section('Worker')).toMatch(/`WORKER_PORT` \| `3100`/);
    expect(section('Worker')).toMatch(/`AGENT_TOKEN`/);
    expect(section('Agent')).toMatch(/`AGENT_TOKEN`/);
    expect(section('Agent')).toMatch(/`AGENT_URL` \| none/);
    for (const title of ['API', 'Worker', 'Agent']) expect(section(title)).toMatch(/`NODE_ENV`.*`LOG_LEVEL`.*`LOG_FORMAT`/s);
  });
});
