import { badRequest } from './neutron-error';

export type Json = Record<string, unknown>;

/** `{"<name>": {...}}`: the one resource of a create or update request. */
export function envelope(body: unknown, name: string): Json {
  if (!isObject(body) || !isObject(body[name])) throw badRequest(`Resource body required: {"${name}": {...}}.`);
  return body[name] as Json;
}

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Unknown attributes are a 400, as Neutron answers them. */
export function onlyFields(input: Json, allowed: readonly string[]): void {
  const unknown = Object.keys(input).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw badRequest(`Unrecognized attribute(s) '${unknown.join(', ')}'`, 'HTTPBadRequest');
}

/** A string attribute of at most `max` characters; null and absent give undefined. */
export function optionalText(input: Json, name: string, max = 255): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`Invalid input for ${name}. Reason: '${String(JSON.stringify(v))}' is not a valid string.`, 'HTTPBadRequest');
  if ([...v].length > max) throw badRequest(`Invalid input for ${name}. Reason: '${v.slice(0, 40)}...' exceeds maximum length of ${max}.`, 'HTTPBadRequest');
  if (v.includes('\u0000')) throw badRequest(`Invalid input for ${name}. Reason: NUL characters are not allowed.`, 'HTTPBadRequest');
  return v;
}

/** The project a request names (`project_id` or the legacy `tenant_id`), which must agree when both are given. */
export function projectOf(input: Json): string | undefined {
  const project = optionalText(input, 'project_id');
  const tenant = optionalText(input, 'tenant_id');
  if (project !== undefined && tenant !== undefined && project !== tenant) throw badRequest('project_id and tenant_id do not match.');
  return project ?? tenant;
}
