import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import databasesSetup from '../../support/global-setup';
import { CHROMIUM } from './browser';

const ROOT = join(__dirname, '../../..');

/**
 * The browser tier's start: the migrated template database of the e2e tier, Chromium present, and
 * the console built from its current source into dist/console, which the API under test serves.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (npm test installs it), or set CHROMIUM_PATH.`);
  }
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'apps/console/vite.config.mjs')], { cwd: ROOT, stdio: 'inherit' });
  await databasesSetup();
}
