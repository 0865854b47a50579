import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document, generated from the controllers and DTOs: UI at /docs, JSON at /docs-json. */
export function installOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Security Groups API')
    .setDescription(
      [
        'Stateful, default-deny firewalls for GPU virtual machines. Every change is an event; changes that must reach',
        'hypervisors return an `operation` (and `Operation-Location`) to follow until it succeeds or fails.',
        '',
        'Errors are `application/problem+json` with a `type` slug (validation-failed, unauthorized, forbidden, not-found,',
        'duplicate-rule, default-group-immutable, group-has-rules, conflict, version-mismatch, payload-too-large,',
        'idempotency-key-reused, quota-exceeded, unavailable) and `errors[]` naming each bad field.',
        '',
        'Lists are JSON arrays in a stable order; `limit` (1–1000, default 100) and `cursor` page through them, and the',
        'next page is announced by the `Link: <...>; rel="next"` and `Next-Cursor` headers.',
      ].join('\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS (key:tenant:role).' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
