import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEMS } from './problem';

/** What each collection's `{id}` names, with an example, for the path parameters no controller describes. */
const PATH_IDS: Record<string, { description: string; example: string }> = {
  vpcs: { description: 'The VPC\'s id', example: 'vpc-0mh2k8q1a5f3c9e2b1d4a' },
  'security-groups': { description: 'The security group\'s id', example: 'sg-0mh2k8q1a7c1d2e3f4a5b' },
  rules: { description: 'The rule\'s id', example: 'sgr-0mh2k8q1a7c1d2e3f4a5c' },
  instances: { description: 'The instance\'s id', example: 'i-0mh2k8q1a7c1d2e3f4a5d' },
  hypervisors: { description: 'The hypervisor\'s id, chosen when it was registered', example: 'hv-1' },
  operations: { description: 'The operation\'s id', example: 'op-0mh2k8q1a7c1d2e3f4a5e' },
};

/** The OpenAPI document, generated from the controllers and DTOs: UI at /docs, JSON at /docs-json. */
export function installOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Security Groups API')
    .setDescription(
      [
        'Stateful, default-deny firewalls for GPU virtual machines. Every change is an event; changes that must reach',
        'hypervisors return an `operation` (and `Operation-Location`) to follow until it succeeds or fails.',
        '',
        `Errors are \`application/problem+json\` with a \`type\` slug (${Object.keys(PROBLEMS).join(', ')}) and \`errors[]\``,
        'naming each bad field: see the `ProblemResponse` schema.',
        '',
        'Lists are JSON arrays in a stable order; `limit` (1–1000, default 100) and `cursor` page through them, and the',
        'next page is announced by the `Link: <...>; rel="next"` and `Next-Cursor` headers.',
      ].join('\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS (key:tenant:role).' })
    .build();
  const document = describePaging(typeQueryParameters(describeSuccesses(describePathIds(SwaggerModule.createDocument(app, config, { operationIdFactory })))));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created; `Location` names the new resource',
  '202': 'Accepted: the new state is shown (read your writes) and the returned operation carries it to the hypervisors',
  '204': 'Done; no body',
};

/** Responses the controllers left without a description get the status's meaning (OpenAPI requires one). */
function describeSuccesses(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item)) {
      for (const [status, response] of Object.entries((op as { responses?: Record<string, { description?: string }> }).responses ?? {})) {
        if (!response.description && SUCCESS_DESCRIPTIONS[status]) response.description = SUCCESS_DESCRIPTIONS[status];
      }
    }
  }
  return document;
}

/** `{id}` in `/v1/vpcs/{id}` is the VPC's: said once here rather than in every controller. */
function describePathIds(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    const segments = path.split('/');
    for (const op of Object.values(item)) {
      for (const param of (op as { parameters?: { in: string; name: string; description?: string; example?: unknown }[] }).parameters ?? []) {
        if (param.in !== 'path' || param.description) continue;
        const known = PATH_IDS[segments[segments.indexOf(`{${param.name}}`) - 1]];
        if (known) Object.assign(param, known);
      }
    }
  }
  return document;
}

/**
 * Each operation's id, which generated clients (the console's) name their calls by: the use case's
 * controller class, `ListSecurityGroupsHttpController` → `listSecurityGroups`. Controllers that
 * are not one use case each (health) add the method: `healthReady`.
 */
export function operationIdFactory(controllerKey: string, methodKey: string): string {
  const useCase = /^(\w+)HttpController$/.exec(controllerKey);
  const stem = useCase ? useCase[1] : controllerKey.replace(/Controller$/, '');
  const lower = stem.charAt(0).toLowerCase() + stem.slice(1);
  if (useCase || methodKey.toLowerCase() === lower.toLowerCase()) return lower;
  return lower + methodKey.charAt(0).toUpperCase() + methodKey.slice(1);
}

/**
 * The schema of each query parameter by its name, for the ones a controller left untyped: every
 * parameter arrives as a string, and these say which strings the API takes.
 */
const QUERY_SCHEMAS: Record<string, Record<string, unknown>> = {
  limit: { type: 'integer', minimum: 1, maximum: 1000 },
  cursor: { type: 'string', maxLength: 512 },
  vpcId: { type: 'string' },
  hypervisorId: { type: 'string' },
  resourceId: { type: 'string' },
  tag: { type: 'string' },
  after: { type: 'string', pattern: '^\\d+$' },
  fromVersion: { type: 'integer', minimum: 0 },
  version: { type: 'integer', minimum: 1 },
  at: { type: 'string', format: 'date-time' },
  ticket: { type: 'string' },
};

type Parameter = { in: string; name: string; schema?: Record<string, unknown> };

function typeQueryParameters(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item)) {
      for (const param of (op as { parameters?: Parameter[] }).parameters ?? []) {
        if (param.in !== 'query' || param.schema?.type || param.schema?.$ref) continue;
        const known = QUERY_SCHEMAS[param.name];
        if (known) param.schema = { ...known, ...param.schema };
      }
    }
  }
  return document;
}

const LINK_HEADER = {
  description: 'The next page\'s URL, `<…>; rel="next"`; absent on the last page',
  schema: { type: 'string', example: '</v1/security-groups?limit=100&cursor=c2ctMG1oMms4>; rel="next"' },
};
const NEXT_CURSOR_HEADER = {
  description: 'The `cursor` of the next page; absent on the last page',
  schema: { type: 'string', example: 'c2ctMG1oMms4' },
};

/** Lists paged without a cursor, by the position or version after the last item: what announces their next page. */
const PAGED_WITHOUT_CURSOR: Record<string, Record<string, unknown>> = {
  '/v1/events': {
    Link: LINK_HEADER,
    'Next-After': { description: 'The position of the last event returned: the next read\'s `after`', schema: { type: 'string', example: '1042' } },
  },
  '/v1/audit/events': {
    Link: LINK_HEADER,
    'Next-After': { description: 'The position of the last event returned: the next read\'s `after`', schema: { type: 'string', example: '1042' } },
  },
  '/v1/security-groups/{id}/events': { Link: LINK_HEADER },
};

/** Paged lists announce their next page in headers: `Link` always, `Next-Cursor` where a `cursor` pages them. */
function describePaging(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    const get = (item as { get?: { parameters?: Parameter[]; responses?: Record<string, { headers?: Record<string, unknown> }> } }).get;
    const ok = get?.responses?.['200'];
    if (!ok) continue;
    const paged = (get.parameters ?? []).some((p) => p.in === 'query' && p.name === 'cursor');
    const headers = paged ? { Link: LINK_HEADER, 'Next-Cursor': NEXT_CURSOR_HEADER } : PAGED_WITHOUT_CURSOR[path];
    if (headers) ok.headers = { ...headers, ...ok.headers };
  }
  return document;
}
