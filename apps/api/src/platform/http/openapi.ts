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
  const document = describeSuccesses(describePathIds(SwaggerModule.createDocument(app, config)));
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
