import Ajv from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { allSettings } from '../config-reference';
import { parseDockerfile } from './dockerfile';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  build?: { context: string; target?: string };
  image?: string;
  command?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: unknown };
  volumes?: string[];
  ports?: string[];
  restart?: string;
}

// YAML merge keys (<<: *anchor) as Compose reads them.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
const ours = services.filter(([, s]) => s.build);

describe('docker-compose.yml (checked statically: no Docker here)', () => {
  it('is valid against the Compose Specification\'s JSON Schema (vendored in deploy/schema)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    // The schema names its meta-schema by its https address; it is draft-07.
    ajv.addMetaSchema(draft07, 'https://json-schema.org/draft-07/schema');
    const validate = ajv.compile(JSON.parse(read('deploy/schema/compose-spec.json')));
    const valid = validate(compose);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.message}`) ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema can fail: a misspelt key is refused.
    expect(validate({ services: { api: { image: 'x', helthcheck: {} } } })).toBe(false);
  });

  it('builds every process from a target of the Dockerfile, never mounting the source tree', () => {
    const targets = new Set(parseDockerfile(read('Dockerfile')).stages.map((s) => s.name));
    expect(ours.map(([name]) => name).sort()).toEqual(['agent-1', 'agent-2', 'api', 'migrate', 'worker']);
    for (const [name, s] of ours) expect({ name, context: s.build!.context, target: targets.has(s.build!.target ?? '') }).toEqual({ name, context: '.', target: true });
    for (const [name, s] of services) {
      const binds = (s.volumes ?? []).filter((v) => /^[./~]/.test(v));
      expect({ name, binds }).toEqual({ name, binds: [] });
      // A command, where one is set, in exec form: the process is PID 1's child and gets SIGTERM.
      if (s.command !== undefined) expect({ name, exec: Array.isArray(s.command) }).toEqual({ name, exec: true });
    }
  });

  it('runs the migrations once, to completion, before the API and the worker start', () => {
    const migrate = compose.services.migrate;
    expect(migrate.build!.target).toBe('migrate');
    expect(migrate.restart).toBe('no');
    expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['api', 'worker']) expect(compose.services[name].depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
  });

  it('has the agents listen on every interface, reachable at their own AGENT_URL', () => {
    for (const name of ['agent-1', 'agent-2']) {
      const env = compose.services[name].environment!;
      expect({ name, host: env.AGENT_HOST, url: env.AGENT_URL }).toEqual({ name, host: '0.0.0.0', url: `http://${name}:${env.AGENT_PORT}` });
      expect(env.API_URL).toBe('http://api:3000');
    }
    expect(compose.services.worker.environment!.WORKER_HOST).toBe('0.0.0.0');
  });

  it('checks the health of every long-running service, in exec form', () => {
    for (const [name, s] of services.filter(([n]) => n !== 'migrate')) {
      expect({ name, healthcheck: Array.isArray(s.healthcheck?.test) && (s.healthcheck!.test as string[])[0] === 'CMD' }).toEqual({ name, healthcheck: true });
    }
  });

  it('sets only settings the processes declare, and requires the secrets instead of defaulting to the development ones', () => {
    const declared = new Set(allSettings().map((s) => s.name));
    for (const [name, s] of ours) {
      const unknown = Object.keys(s.environment ?? {}).filter((v) => !declared.has(v));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
      for (const secret of ['API_KEYS', 'AGENT_TOKEN', 'AGENT_API_KEY']) {
        const value = s.environment?.[secret];
        if (value !== undefined) expect({ name, secret, required: /^\$\{\w+:\?/.test(value) }).toEqual({ name, secret, required: true });
      }
    }
    expect(read('docker-compose.yml')).not.toMatch(/dev-(agent-token|operator-key|member-key)/);
  });

  it('matches what Prometheus scrapes (deploy/prometheus/prometheus.yml) to the services and their ports', () => {
    const prometheus = parse(read('deploy/prometheus/prometheus.yml')) as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };
    const targets = prometheus.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets));
    expect(targets.length).toBe(4);
    for (const target of targets) {
      const [host, port] = target.split(':');
      const env = compose.services[host]?.environment ?? {};
      const listens = env.PORT ?? env.WORKER_PORT ?? env.AGENT_PORT;
      expect({ target, listens }).toEqual({ target, listens: port });
    }
  });

  it('scrapes the API with an operator key of the example environment (its /metrics answers nothing else)', () => {
    const prometheus = parse(read('deploy/prometheus/prometheus.yml')) as { scrape_configs: { job_name: string; authorization?: { type: string; credentials: string } }[] };
    const api = prometheus.scrape_configs.find((c) => c.job_name === 'security-groups-api')!;
    const operatorKeys = (/^API_KEYS=(.*)$/m.exec(read('deploy/compose.env.example'))?.[1] ?? '')
      .split(',')
      .filter((entry) => entry.endsWith(':operator'))
      .map((entry) => entry.split(':')[0]);
    expect(api.authorization).toEqual({ type: 'Bearer', credentials: operatorKeys[0] });
  });
});
