import { badRequest } from '../platform/neutron-error';
import { envelope, isObject, type Json, onlyFields, optionalText, projectOf } from '../platform/neutron-body';

export interface NewNeutronGroup {
  name: string;
  description: string;
  project?: string;
  tags: Record<string, string>;
}

const CREATE_FIELDS = ['name', 'description', 'project_id', 'tenant_id', 'stateful', 'tags'];
const UPDATE_FIELDS = ['name', 'description', 'stateful'];

/** One group of a create request (`{"security_group": {...}}`, or an item of a bulk request). */
export function parseNewGroup(input: Json): NewNeutronGroup {
  onlyFields(input, CREATE_FIELDS);
  refuseStateless(input);
  const tags = input.tags === undefined || input.tags === null ? [] : input.tags;
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || t.length === 0 || t.length > 60 || t.includes(','))) {
    throw badRequest('Invalid input for tags: a list of strings of 1 to 60 characters without commas.', 'HTTPBadRequest');
  }
  return {
    name: optionalText(input, 'name') ?? '',
    description: optionalText(input, 'description') ?? '',
    project: projectOf(input),
    tags: Object.fromEntries((tags as string[]).map((t) => [t, ''])),
  };
}

/** `{"security_group": {...}}` or the bulk `{"security_groups": [{...} | {"security_group": {...}}, ...]}`. */
export function parseCreateGroups(body: unknown): { bulk: boolean; groups: NewNeutronGroup[] } {
  if (isObject(body) && Array.isArray(body.security_groups)) {
    const items = body.security_groups.map((item) => (isObject(item) && isObject(item.security_group) ? item.security_group : item));
    if (items.length === 0 || items.some((item) => !isObject(item))) throw badRequest('security_groups must be a list of security groups.');
    return { bulk: true, groups: (items as Json[]).map(parseNewGroup) };
  }
  return { bulk: false, groups: [parseNewGroup(envelope(body, 'security_group'))] };
}

/** `PUT {"security_group": {"name"?, "description"?}}`. */
export function parseGroupUpdate(body: unknown): { name?: string; description?: string } {
  const input = envelope(body, 'security_group');
  onlyFields(input, UPDATE_FIELDS);
  refuseStateless(input);
  const name = optionalText(input, 'name');
  const description = optionalText(input, 'description');
  return { ...(name !== undefined && { name }), ...(description !== undefined && { description }) };
}

/** Every group here is stateful (connection tracking is how the agents enforce rules). */
function refuseStateless(input: Json): void {
  if (input.stateful !== undefined && input.stateful !== null && input.stateful !== true) {
    throw badRequest('Stateless security groups are not supported.', 'HTTPBadRequest');
  }
}
