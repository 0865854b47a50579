import { ConfigurationError } from './configuration-error';

export type Env = Readonly<Record<string, string | undefined>>;

/** Small readers for settings; each failure names the setting (config is validated once, at start-up). */
export function intSetting(env: Env, name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigurationError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigurationError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function boolSetting(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigurationError(name, `must be true or false, got "${env[name]}"`);
}

export function urlSetting(env: Env, name: string, fallback: string, schemes: string[]): string {
  const raw = env[name]?.trim() ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(name, `is not a URL: "${raw}"`);
  }
  if (!schemes.includes(url.protocol.replace(/:$/, ''))) throw new ConfigurationError(name, `must use ${schemes.join(' or ')}, got "${url.protocol}"`);
  return raw;
}

export function stringSetting(env: Env, name: string, fallback: string, pattern?: RegExp): string {
  const raw = env[name]?.trim() ?? fallback;
  if (pattern && !pattern.test(raw)) throw new ConfigurationError(name, `has an unexpected form: "${raw}"`);
  return raw;
}
