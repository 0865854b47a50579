import { ConfigurationError } from './configuration-error';
import { boolSetting, Env, intSetting, stringSetting, urlSetting } from './env-parsers';

/** The processes a setting is read by; the configuration reference groups settings by them. */
export type ProcessName = 'api' | 'worker' | 'agent';

/**
 * One environment variable, declared once: its name, what it means, its default as the reference
 * shows it, and how it is read. The loaders read through `read`, and docs/configuration.md is
 * generated from the same declarations, so the two cannot drift apart.
 */
export interface Setting<T> {
  readonly name: string;
  readonly processes: readonly ProcessName[];
  /** The default as the reference shows it; null: unset means none. */
  readonly defaultText: string | null;
  readonly description: string;
  read(env: Env): T;
}

interface Described {
  processes: readonly ProcessName[];
  description: string;
}

export function defineSetting<T>(setting: Setting<T>): Setting<T> {
  return Object.freeze(setting);
}

export function intSpec(name: string, fallback: number, spec: Described & { min?: number; max?: number }): Setting<number> {
  const { min, max } = spec;
  return defineSetting({ name, processes: spec.processes, description: spec.description, defaultText: String(fallback), read: (env) => intSetting(env, name, fallback, { min, max }) });
}

export function boolSpec(name: string, fallback: boolean, spec: Described): Setting<boolean> {
  return defineSetting({ name, processes: spec.processes, description: spec.description, defaultText: String(fallback), read: (env) => boolSetting(env, name, fallback) });
}

export function stringSpec(name: string, fallback: string, spec: Described & { pattern?: RegExp }): Setting<string> {
  return defineSetting({ name, processes: spec.processes, description: spec.description, defaultText: fallback, read: (env) => stringSetting(env, name, fallback, spec.pattern) });
}

export function urlSpec(name: string, fallback: string, schemes: string[], spec: Described): Setting<string> {
  return defineSetting({ name, processes: spec.processes, description: spec.description, defaultText: fallback, read: (env) => urlSetting(env, name, fallback, schemes) });
}

export function enumSpec<T extends string>(name: string, fallback: T, values: readonly T[], spec: Described): Setting<T> {
  return defineSetting({
    name,
    processes: spec.processes,
    description: `${spec.description} One of ${values.map((v) => `\`${v}\``).join(', ')}.`,
    defaultText: fallback,
    read: (env) => {
      const raw = env[name]?.trim() || fallback;
      if (!(values as readonly string[]).includes(raw)) throw new ConfigurationError(name, `must be ${values.join(', ')}; got "${raw}"`);
      return raw as T;
    },
  });
}

/** NODE_ENV: `production` turns the development defaults (keys, tokens) into errors. */
export const NODE_ENV_SETTING = defineSetting({
  name: 'NODE_ENV',
  processes: ['api', 'worker', 'agent'],
  defaultText: null,
  description: '`production` refuses to start with the development API keys, agent token or agent API key, naming the setting to change.',
  read: (env): { production: boolean } => ({ production: env.NODE_ENV?.trim() === 'production' }),
});

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogSettings {
  level: LogLevelName;
  /** `auto`: pretty when the output is a terminal, JSON lines otherwise. */
  format: LogFormat;
}

export const LOG_LEVEL_SETTING = enumSpec('LOG_LEVEL', 'info', LOG_LEVELS, { processes: ['api', 'worker', 'agent'], description: 'The least severe log lines written.' });
export const LOG_FORMAT_SETTING = enumSpec('LOG_FORMAT', 'auto', LOG_FORMATS, {
  processes: ['api', 'worker', 'agent'],
  description: 'JSON lines (one object per line, for log shippers) or coloured text for a person; `auto` is pretty when the output is a terminal and JSON otherwise (`npm start` asks for pretty when it runs in one).',
});

export function readLogSettings(env: Env): LogSettings {
  return { level: LOG_LEVEL_SETTING.read(env), format: LOG_FORMAT_SETTING.read(env) };
}

/**
 * Refuses a development default in production: `isDevelopmentValue` says whether the value in
 * use is one of the defaults published in the README, which anybody can read.
 */
export function refuseInProduction(production: boolean, isDevelopmentValue: boolean, setting: string, what: string): void {
  if (production && isDevelopmentValue) {
    throw new ConfigurationError(setting, `${what} is the public development default, refused with NODE_ENV=production; set your own`);
  }
}

/**
 * The names a loader reads, found by running it over an environment that records every
 * variable asked for (and has none set): a setting read without a declaration shows up here.
 */
export function namesRead(load: (env: Env) => unknown): Set<string> {
  const names = new Set<string>();
  const env = new Proxy({} as Env, {
    get(_target, key) {
      if (typeof key === 'string') names.add(key);
      return undefined;
    },
  });
  load(env);
  return names;
}
