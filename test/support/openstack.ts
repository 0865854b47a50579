import { KEYS, type Reply } from './api';

/** The tenants of the e2e keys, as the Keystone subset names them (user = project = tenant). */
export const ACCOUNTS = {
  member: { user: 'demo', password: KEYS.member },
  otherTenant: { user: 'acme', password: KEYS.otherTenant },
  operator: { user: 'ops', password: KEYS.operator },
} as const;

export function passwordAuth(user: string, password: string, project: string = user) {
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } },
      scope: { project: { name: project, domain: { name: 'Default' } } },
    },
  };
}

async function call<T>(url: string, method: string, token: string | null, body?: unknown): Promise<Reply<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['x-auth-token'] = token;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T, text };
}

/** A token from the Keystone subset. */
export async function issueToken(baseUrl: string, who: keyof typeof ACCOUNTS): Promise<string> {
  const { user, password } = ACCOUNTS[who];
  const res = await call(`${baseUrl}/identity/v3/auth/tokens`, 'POST', null, passwordAuth(user, password));
  if (res.status !== 201) throw new Error(`token for ${user}: ${res.status} ${res.text}`);
  return res.headers.get('x-subject-token')!;
}

/** A Neutron client with a token: `(await neutron(url, 'member')).post('/v2.0/security-groups', {...})`. */
export async function neutron(baseUrl: string, who: keyof typeof ACCOUNTS) {
  const token = await issueToken(baseUrl, who);
  return {
    token,
    get: <T = any>(path: string) => call<T>(baseUrl + path, 'GET', token),
    post: <T = any>(path: string, body: unknown) => call<T>(baseUrl + path, 'POST', token, body),
    put: <T = any>(path: string, body?: unknown) => call<T>(baseUrl + path, 'PUT', token, body),
    delete: <T = any>(path: string) => call<T>(baseUrl + path, 'DELETE', token),
    raw: <T = any>(method: string, path: string, token: string | null, body?: unknown) => call<T>(baseUrl + path, method, token, body),
  };
}
