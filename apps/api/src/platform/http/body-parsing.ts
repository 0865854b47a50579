import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type expressModule from 'express';
import { problemBody, ProblemSlug } from './problem';
import { isOpenStackPath } from '../../neutron/platform/neutron-error';
import { hasBody } from './request-gate';

const LIMIT = '1mb';
const MAX_DEPTH = 32;

/**
 * JSON bodies up to 1 MiB (a larger one is a 413 payload-too-large). Body-parser fails before Nest routes the
 * request, so its errors get their problem+json here rather than from the exception filter.
 */
export function installBodyParsing(app: NestExpressApplication, express: typeof expressModule): void {
  // A body must say it is JSON (`application/json` or `application/*+json`, UTF-8 if a charset is
  // named): anything else is a 415 before it is read. The OpenStack faces take a body that names no
  // type as JSON, as Neutron and Keystone do (neutron-tempest-plugin's updates send none).
  app.use((req: Request & { requestId?: string }, res: Response, next: NextFunction) => {
    const type = req.headers['content-type'];
    if (!hasBody(req) || isJson(type) || (type === undefined && isOpenStackPath(req.path))) return next();
    const given = req.headers['content-type'] ? `"${String(req.headers['content-type']).slice(0, 100)}"` : 'none';
    res
      .status(415)
      .set({ accept: 'application/json', connection: 'close' })
      .type('application/problem+json')
      .json(problemBody('unsupported-media-type', `A body must be JSON: send "Content-Type: application/json" (got ${given}).`, [], req.requestId));
  });
  app.use(
    express.json({
      limit: LIMIT,
      strict: false,
      type: () => true,
      // Invalid UTF-8 is refused, not stored as U+FFFD.
      verify: (_req, _res, buffer) => {
        try {
          UTF8.decode(buffer);
        } catch {
          throw Object.assign(new Error('The body is not valid UTF-8.'), { type: 'entity.invalid.utf8' });
        }
      },
    }),
  );
  app.use((error: any, req: Request & { requestId?: string }, res: Response, next: NextFunction) => {
    if (!error) return next();
    const [slug, detail]: [ProblemSlug, string] =
      error.type === 'entity.too.large'
        ? ['payload-too-large', `The body is larger than ${LIMIT}.`]
        : error.type === 'entity.parse.failed'
          ? ['validation-failed', `The body is not valid JSON: ${String(error.message).slice(0, 200)}`]
          : error.type === 'entity.invalid.utf8' || error.type === 'entity.verify.failed'
            ? ['validation-failed', 'The body is not valid UTF-8.']
          : error.type === 'encoding.unsupported' || error.type === 'charset.unsupported'
            ? ['validation-failed', 'The body must be UTF-8 JSON.']
            : ['validation-failed', 'The body could not be read.'];
    res.status(slug === 'payload-too-large' ? 413 : 400).type('application/problem+json').json(problemBody(slug, detail, slug === 'validation-failed' ? [{ path: '', message: detail }] : [], req.requestId));
  });
  // Deep nesting and NUL characters are refused before any handler sees them: Postgres cannot
  // store \u0000 in jsonb, and deep structures only exist to hurt recursive code.
  app.use((req: Request & { requestId?: string }, res: Response, next: NextFunction) => {
    const problem = inspect(req.body, '', 0);
    if (!problem) return next();
    res.status(400).type('application/problem+json').json(problemBody('validation-failed', problem.message, [problem], req.requestId));
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** `application/json`, `application/problem+json` and the like, with no charset but UTF-8. */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.toLowerCase().split(';').map((p) => p.trim());
  if (!/^application\/([a-z0-9.-]+\+)?json$/.test(type)) return false;
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

function inspect(value: unknown, path: string, depth: number): { path: string; message: string } | null {
  if (depth > MAX_DEPTH) return { path, message: `nested deeper than ${MAX_DEPTH} levels` };
  if (typeof value === 'string') return value.includes('\u0000') ? { path, message: 'must not contain NUL characters' } : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = inspect(value[i], `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return { path, message: 'keys must not contain NUL characters' };
      const p = inspect(v, path ? `${path}.${k}` : k, depth + 1);
      if (p) return p;
    }
  }
  return null;
}
