import { InvalidValue, Issues } from './domain-error';
import { checkStorable, textLength } from './text';

export type Tags = Readonly<Record<string, string>>;

const MAX_TAGS = 50;
const MAX_KEY = 128;
const MAX_VALUE = 256;

/** A string map, as on AWS resources: at most 50 tags, keys 1–128 characters, values up to 256. */
export function parseTags(input: unknown, path: string, issues: Issues): Tags | undefined {
  if (input === undefined) return undefined;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    issues.add(path, 'must be an object mapping tag keys to string values');
    return undefined;
  }
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > MAX_TAGS) issues.add(path, `at most ${MAX_TAGS} tags`);
  const tags: Record<string, string> = {};
  for (const [key, value] of entries) {
    const at = `${path}.${key}`;
    const keyOk = issues.capture(at, () => {
      if (key.trim().length === 0 || textLength(key) > MAX_KEY) throw new InvalidValue(`tag keys must be 1–${MAX_KEY} characters`);
      // Assigning "__proto__" on a plain object sets its prototype instead of a key: the tag would vanish without a word.
      if (key === '__proto__') throw new InvalidValue('"__proto__" cannot be a tag key');
      checkStorable(key);
      return true;
    });
    const valueOk = issues.capture(at, () => {
      if (typeof value !== 'string') throw new InvalidValue('tag values must be strings');
      if (textLength(value) > MAX_VALUE) throw new InvalidValue(`tag values must be at most ${MAX_VALUE} characters`);
      checkStorable(value);
      return true;
    });
    if (keyOk && valueOk) tags[key] = value as string;
  }
  return tags;
}
