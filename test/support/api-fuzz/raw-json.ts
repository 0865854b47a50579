/**
 * JSON.stringify cannot write some of the texts a hostile client sends: `-0`, `1e400`, integers
 * past 2^53, duplicate keys. A `rawToken` stands for such a text inside a value; `toJsonText`
 * writes the value and then puts the raw text in the token's place.
 */
const MARK = '\u0001raw:';

export function rawToken(text: string): string {
  return `${MARK}${text}\u0001`;
}

export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  // JSON.stringify writes U+0001 as \u0001, so a token reads "\u0001raw:<text>\u0001" in the text.
  return text.replace(/"\\u0001raw:((?:[^"\\]|\\.)*?)\\u0001"/g, (_, inner: string) => JSON.parse(`"${inner}"`));
}

/** An own, enumerable property even for `__proto__`, so that it reaches the JSON text. */
export function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** `{"name": "a", ..., "name": <value>}`: a key repeated at the end of the outermost object. */
export function withDuplicateKey(jsonText: string, key: string, valueText: string): string {
  const trimmed = jsonText.trimEnd();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return jsonText;
  const empty = /^\{\s*\}$/.test(trimmed);
  return `${trimmed.slice(0, -1)}${empty ? '' : ','}${JSON.stringify(key)}:${valueText}}`;
}
