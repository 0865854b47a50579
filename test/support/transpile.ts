import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { transformFile } from '@swc/core';

/**
 * An app's current source as plain CommonJS in a temporary folder, for tests that run the app as a
 * separate process (agents, the worker). Not `dist/`: that folder is shared, may be stale, and any
 * `npm run build` wipes it mid-run. swc only strips types (no type check), so it takes a second.
 *
 * The copy needs `NODE_PATH=<repo>/node_modules` to find its packages (ROOT_NODE_MODULES).
 */

export const ROOT = resolve(__dirname, '../..');
export const ROOT_NODE_MODULES = join(ROOT, 'node_modules');

export interface TranspileOptions {
  /** The app's main .ts file. */
  entry: string;
  /** Names the temporary folders, e.g. `sg-agent-`; also what the stale sweep looks for. */
  cachePrefix: string;
  /** NestJS apps: legacy decorators with their design-time metadata (what tsc emits for the build). */
  decorators?: boolean;
}

/**
 * Follows the relative imports from the entry, so only what the app loads is transpiled (not a
 * colleague's half-edited app next door). The output goes to a folder named by its content hash:
 * test files and runs with the same source share it, and a folder under that name is always
 * complete (renamed in whole). Resolves with the entry's .js in that folder.
 */
export async function transpile({ entry, cachePrefix, decorators = false }: TranspileOptions): Promise<string> {
  const outputs = new Map<string, string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    const target = relative(ROOT, file).replace(/\.ts$/, '.js');
    if (outputs.has(target)) continue;
    const { code } = await transformFile(file, {
      swcrc: false,
      sourceMaps: 'inline',
      jsc: {
        parser: { syntax: 'typescript', decorators },
        transform: decorators ? { legacyDecorator: true, decoratorMetadata: true } : undefined,
        target: 'es2022',
        baseUrl: ROOT,
        paths: TS_PATHS,
      },
      module: { type: 'commonjs' },
    });
    outputs.set(target, code);
    for (const [, spec] of code.matchAll(/require\("(\.{1,2}\/[^"]*)"\)/g)) pending.push(sourceOf(dirname(file), spec));
  }
  const hash = createHash('sha256');
  for (const [path, code] of [...outputs].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${path}\0${code}\0`);
  const dir = join(tmpdir(), `${cachePrefix}${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(dir)) {
    await utimes(dir, new Date(), new Date());
  } else {
    const staging = await mkdtemp(join(tmpdir(), `${cachePrefix}staging-`));
    for (const [path, code] of outputs) {
      await mkdir(dirname(join(staging, path)), { recursive: true });
      await writeFile(join(staging, path), code);
    }
    // Another test file may have won the race to the same name: its folder is as good as ours.
    await rename(staging, dir).catch(() => rm(staging, { recursive: true, force: true }));
  }
  await sweepStaleCopies(cachePrefix);
  return join(dir, relative(ROOT, entry).replace(/\.ts$/, '.js'));
}

/** Copies unused for a day are of sources long since edited. Others' folders (another user's) are left alone. */
async function sweepStaleCopies(cachePrefix: string): Promise<void> {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(cachePrefix)) continue;
    const path = join(tmpdir(), name);
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtimeMs < dayAgo) await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

// tsconfig.json's paths, as swc rewrites them to relative requires.
const TS_PATHS = {
  '@sg/domain': ['libs/domain/src'],
  '@sg/domain/*': ['libs/domain/src/*'],
  '@sg/infra': ['libs/infra/src'],
  '@sg/infra/*': ['libs/infra/src/*'],
  '@sg/config': ['libs/config/src'],
  '@sg/config/*': ['libs/config/src/*'],
  '@sg/protocol': ['libs/protocol/src'],
  '@sg/protocol/*': ['libs/protocol/src/*'],
  '@sg/observability': ['libs/observability/src'],
  '@sg/observability/*': ['libs/observability/src/*'],
};

function sourceOf(fromDir: string, spec: string): string {
  const base = resolve(fromDir, spec.replace(/\.js$/, ''));
  const found = [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
  if (!found) throw new Error(`cannot find the source of ${spec} imported from ${fromDir}`);
  return found;
}
