import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDockerfile, parseDockerfile } from './dockerfile';

const ROOT = join(__dirname, '..', '..');
/** The processes the image runs, and the compiled entry of each. */
const TARGETS = {
  migrate: 'dist/libs/infra/src/cli/migrate.js',
  api: 'dist/apps/api/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
  agent: 'dist/apps/agent/src/main.js',
};

const GOOD = `ARG NODE_IMAGE=node:20.20.2-bookworm-slim
FROM \${NODE_IMAGE} AS build
WORKDIR /app
RUN npm ci
FROM \${NODE_IMAGE} AS runtime
WORKDIR /app
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
USER node
FROM runtime AS api
CMD ["node", "dist/apps/api/src/main.js"]
`;

describe('the Dockerfile (checked statically: no Docker here)', () => {
  it('keeps every rule: pinned bases, non-root targets, exec-form commands, production dependencies only', () => {
    expect(checkDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'), TARGETS)).toEqual([]);
  });

  it('starts each process from a compiled entry that has a source', () => {
    for (const entry of Object.values(TARGETS)) expect({ entry, source: existsSync(join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'))) }).toEqual({ entry, source: true });
  });

  it('leaves the host\'s node_modules and dist out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.env']));
  });

  it('reads continuations, comments and stages as Docker does', () => {
    const { stages } = parseDockerfile('# c\nFROM a:1 AS one\nRUN x \\\n  # inner comment\n  && y\nFROM one\n');
    expect(stages.map((s) => [s.from, s.name, s.instructions.map((i) => i.args)])).toEqual([
      ['a:1', 'one', ['x    && y']],
      ['one', null, []],
    ]);
  });

  it.each([
    ['an unpinned base', GOOD.replace('node:20.20.2-bookworm-slim', 'node'), /pin the image/],
    ['a root target', GOOD.replace('USER node\n', ''), /runs as root/],
    ['a shell-form command', GOOD.replace('CMD ["node", "dist/apps/api/src/main.js"]', 'CMD node dist/apps/api/src/main.js'), /exec form/],
    ['dev dependencies in the image', GOOD.replace('npm ci --omit=dev', 'npm ci'), /npm ci --omit=dev/],
    ['npm install', GOOD.replace('RUN npm ci\n', 'RUN npm install\n'), /use npm ci/],
    ['dist from the host', GOOD.replace('COPY --from=build /app/dist ./dist', 'COPY dist ./dist'), /copied from the build stage/],
    ['a secret baked in', GOOD.replace('USER node', 'ENV AGENT_TOKEN=abc\nUSER node'), /a secret in the image/],
    ['a relative WORKDIR', GOOD.replace('WORKDIR /app\nRUN npm ci --omit', 'WORKDIR app\nRUN npm ci --omit'), /absolute path/],
  ])('catches %s', (_what, dockerfile, problem) => {
    expect(checkDockerfile(dockerfile, { api: TARGETS.api }).join('\n')).toMatch(problem);
  });
});
