import { InvalidValue } from './domain-error';

/** Length in code points, so an emoji counts once, as a person would count it. */
export function textLength(s: string): number {
  return [...s].length;
}

export function parseName(input: unknown, max = 255): string {
  if (typeof input !== 'string') throw new InvalidValue('must be a string');
  const name = input.trim();
  if (name.length === 0) throw new InvalidValue('must not be empty');
  if (textLength(name) > max) throw new InvalidValue(`must be at most ${max} characters`);
  // Control characters break consoles and logs alike.
  if (/\p{Cc}/u.test(name)) throw new InvalidValue('must not contain control characters');
  checkStorable(name);
  return name;
}

/**
 * NUL cannot be stored by Postgres, and a lone surrogate comes back as U+FFFD, so a replayed
 * request would no longer match its first answer.
 */
export function checkStorable(s: string): void {
  if (s.includes('\u0000')) throw new InvalidValue('must not contain NUL characters');
  if (/\p{Cs}/u.test(s)) throw new InvalidValue('must be valid Unicode (a lone surrogate was found)');
}

export function parseDescription(input: unknown, max = 255): string {
  if (input === undefined || input === null) return '';
  if (typeof input !== 'string') throw new InvalidValue('must be a string');
  if (textLength(input) > max) throw new InvalidValue(`must be at most ${max} characters`);
  checkStorable(input);
  return input;
}
