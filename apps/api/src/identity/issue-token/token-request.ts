import { KeystoneError } from '../keystone-error';

export interface TokenRequest {
  user: string;
  password: string;
  /** The project the token is scoped to (by name or id, which are the same here), or null: the user's own. */
  project: string | null;
}

/** `{"auth": {"identity": {"methods": ["password"], "password": {"user": {...}}}, "scope": {"project": {...}}}}`. */
export function parseTokenRequest(body: unknown): TokenRequest {
  const auth = field(body, 'auth');
  const identity = field(auth, 'identity');
  const methods = field(identity, 'methods');
  if (!Array.isArray(methods) || !methods.includes('password')) throw new KeystoneError(401, 'Only the password method is supported.');
  const user = field(field(identity, 'password'), 'user');
  const name = field(user, 'name') ?? field(user, 'id');
  const password = field(user, 'password');
  if (typeof name !== 'string' || typeof password !== 'string') throw new KeystoneError(400, 'Expecting to find user name and password in the password method.');
  const scope = field(auth, 'scope');
  const project = field(scope, 'project');
  const projectName = field(project, 'name') ?? field(project, 'id');
  if (scope !== undefined && project === undefined) throw new KeystoneError(401, 'Only project scope is supported.');
  if (project !== undefined && typeof projectName !== 'string') throw new KeystoneError(400, 'Expecting to find a project name or id in the scope.');
  return { user: name, password, project: typeof projectName === 'string' ? projectName : null };
}

function field(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}
