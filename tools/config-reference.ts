import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigurationReference, type Setting } from '@sg/config';
import { APP_SETTINGS } from '../libs/infra/src/config/app-config';
import { AGENT_SETTINGS } from '../apps/agent/src/config/agent-config';

/** Where the reference lives, from the repository's root. */
export const REFERENCE_PATH = 'docs/configuration.md';

/** Every declared setting of the API, the worker and the agent. */
export function allSettings(): Setting<unknown>[] {
  return [...Object.values(APP_SETTINGS), ...Object.values(AGENT_SETTINGS)] as Setting<unknown>[];
}

export function configurationReference(): string {
  return renderConfigurationReference(allSettings());
}

// `npm run docs:config` (after a build): rewrites the reference.
if (require.main === module) {
  const root = join(__dirname, '..', '..');
  writeFileSync(join(root, REFERENCE_PATH), configurationReference());
  console.log(`wrote ${REFERENCE_PATH}`);
}
