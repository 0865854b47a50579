import type { ProcessName, Setting } from './settings';

const TITLES: Record<ProcessName, string> = {
  api: 'API (`apps/api`)',
  worker: 'Worker (`apps/worker`)',
  agent: 'Agent (`apps/agent`)',
};

/**
 * docs/configuration.md: every variable of every process, from the declarations the loaders
 * read through. A setting declared in several catalogues (AGENT_TOKEN: worker and agent) appears
 * once per process that reads it.
 */
export function renderConfigurationReference(settings: readonly Setting<unknown>[]): string {
  const byName = new Map<string, Setting<unknown>>();
  for (const s of settings) {
    const known = byName.get(s.name);
    if (known && known !== s && (known.description !== s.description || known.defaultText !== s.defaultText)) {
      throw new Error(`${s.name} is declared twice, differently`);
    }
    if (!known) byName.set(s.name, s);
  }
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated from the settings the processes declare (npm run docs:config); a unit test fails when this file is stale. -->',
    '',
    'Every process reads its settings from the environment once, at start, and validates them: a bad',
    'value stops it with a message naming the setting. Nothing else reads the environment. Every',
    'setting has a working default for a laptop; `NODE_ENV=production` refuses the development',
    'secrets (API keys, agent token, agent API key), which the README publishes.',
  ];
  for (const process of Object.keys(TITLES) as ProcessName[]) {
    const own = [...byName.values()].filter((s) => s.processes.includes(process));
    lines.push('', `## ${TITLES[process]}`, '', '| variable | default | meaning |', '|---|---|---|');
    for (const s of own) lines.push(`| \`${s.name}\` | ${s.defaultText === null ? 'none' : `\`${escape(s.defaultText)}\``} | ${escape(s.description)} |`);
  }
  return `${lines.join('\n')}\n`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
