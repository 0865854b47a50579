import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { spawnAgent, stopAllAgents } from '../../support/agent-process';
import { ROOT, ROOT_NODE_MODULES } from '../../support/transpile';

/**
 * The agent runs on hypervisors: its build must not load the control plane's framework, ORM or
 * queue client. Built here exactly as `npm run build` does (tsconfig.build.json, then tsc-alias),
 * into a folder of this test's own (dist/ is shared and any build wipes it), then walked.
 */

const run = promisify(execFile);
const FORBIDDEN = /^(typeorm|bullmq|ioredis|pg|@nestjs\/.*)$/;
const BUILTINS = new Set(builtinModules);

let out: string;
let main: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'sg-sealed-agent-'));
  const bin = (name: string) => join(ROOT_NODE_MODULES, '.bin', name);
  await run(bin('tsc'), ['-p', 'tsconfig.build.json', '--outDir', out], { cwd: ROOT });
  await run(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--outDir', out], { cwd: ROOT });
  main = join(out, 'apps/agent/src/main.js');
}, 120_000);

afterAll(async () => {
  await stopAllAgents();
  await rm(out, { recursive: true, force: true });
});

/** Every file `entry` can require, following relative requires and packages alike; and the packages by name. */
function requireGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file) || !file.endsWith('.js')) continue;
    files.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      if (spec.startsWith('node:') || BUILTINS.has(spec)) continue;
      if (!spec.startsWith('.')) packages.add(packageOf(spec));
      try {
        pending.push(require.resolve(spec, { paths: [dirname(file), ROOT_NODE_MODULES] }));
      } catch {
        // An optional dependency that is not installed (pg-native): named above, nothing to walk.
      }
    }
  }
  return { files, packages };
}

/** `@scope/name` or `name` of a specifier or of a path below node_modules. */
function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

describe('the sealed agent', () => {
  it('is built with no require of libs/infra, and its whole require graph holds no typeorm, bullmq, ioredis, pg or @nestjs/*', () => {
    expect(existsSync(main)).toBe(true);
    const { files, packages } = requireGraph(main);
    const ours = [...files].filter((f) => f.startsWith(out)).map((f) => f.slice(out.length + 1));
    // Both drivers are in the graph: the check covers what a hypervisor would run.
    expect(ours).toEqual(expect.arrayContaining(['apps/agent/src/drivers/memory.driver.js', 'apps/agent/src/drivers/nftables/nftables.driver.js']));
    expect(ours.filter((f) => f.startsWith('libs/infra/'))).toEqual([]);
    expect([...packages].filter((p) => FORBIDDEN.test(p))).toEqual([]);
    // The walk itself can see what it must not find: the worker's build pulls them all in.
    const worker = requireGraph(join(out, 'apps/worker/src/main.js'));
    expect([...worker.packages].filter((p) => FORBIDDEN.test(p)).sort()).toEqual(expect.arrayContaining(['@nestjs/core', 'bullmq', 'ioredis', 'typeorm']));
  });

  it('loads none of them when it runs: the modules of a started agent', async () => {
    const loaded = join(out, 'loaded-modules.json');
    const preload = join(out, 'record-loaded.js');
    // Written as the process exits (the agent ends on SIGTERM through process.exit).
    await writeFile(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(Object.keys(require.cache))));`);
    const agent = await spawnAgent({
      id: 'hv-sealed',
      apiUrl: 'http://127.0.0.1:9',
      apiKey: 'operator-key-ops-0001',
      register: false,
      entry: main,
      nodeOptions: ['--require', preload],
    });
    expect((await agent.health()).status).toBe('ok');
    await agent.kill('SIGTERM');
    const modules = JSON.parse(await readFile(loaded, 'utf8')) as string[];
    expect(modules).toContain(resolve(main));
    const packages = new Set(modules.filter((m) => m.includes('/node_modules/')).map((m) => packageOf(m.split('/node_modules/').pop()!)));
    expect([...packages].filter((p) => FORBIDDEN.test(p))).toEqual([]);
    // The recording does see packages: the domain's address parsing loads ipaddr.js.
    expect(packages).toContain('ipaddr.js');
  });
});
