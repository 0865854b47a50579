import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/**
 * The code the image runs: apps and libs, without tests and test helpers, nor the console, which
 * the build stage bundles into static files (its packages never load in node).
 */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'testing' || relative(ROOT, path) === join('apps', 'console') ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

describe('the production dependencies', () => {
  it('hold every package the apps load at run time, so `npm ci --omit=dev` in the image is enough', () => {
    const missing: string[] = [];
    for (const file of [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]) {
      const code = readFileSync(file, 'utf8');
      // Type-only imports vanish in the build; everything else is a require at run time.
      const specs = [...code.matchAll(/^\s*import\s+(?!type\s)[^'";]*?from\s+'([^']+)'|require\('([^']+)'\)|^\s*import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
      for (const spec of specs) {
        if (spec.startsWith('.') || spec.startsWith('@sg/') || spec.startsWith('node:') || builtinModules.includes(spec)) continue;
        const name = packageOf(spec);
        if (!(name in pkg.dependencies)) missing.push(`${relative(ROOT, file)}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
