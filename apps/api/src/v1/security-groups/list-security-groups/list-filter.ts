import { checkStorable, FieldIssue, InvalidValue } from '@sg/domain';
import { PageRequest, SecurityGroupListFilter } from '@sg/application';
import { Problem } from '../../../platform/http/problem';
import { ID_PATTERN, optionalParam } from '../../../platform/http/query-params';
import { pageOf } from '../../../platform/http/send';

/** `?vpcId=&tag=&limit=&cursor=`, every bad parameter listed in one 400. Unknown parameters are ignored. */
export function listRequestOf(query: Record<string, unknown>): { filter: SecurityGroupListFilter; page: PageRequest } {
  const errors: FieldIssue[] = [];
  const read = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      errors.push(...error.errors);
      return undefined;
    }
  };
  const page = read(() => pageOf(query));
  const vpcId = read(() => optionalParam(query, 'vpcId', ID_PATTERN));
  const tagText = read(() => optionalParam(query, 'tag'));
  let tag: SecurityGroupListFilter['tag'];
  if (tagText !== undefined) {
    try {
      // Postgres cannot hold NUL in jsonb: refused here rather than failing the query.
      checkStorable(tagText);
      tag = parseTagFilter(tagText);
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      errors.push({ path: 'tag', message: error.message });
    }
  }
  if (errors.length > 0) throw new Problem('validation-failed', 'Bad query parameters.', errors);
  return { filter: { ...(vpcId !== undefined && { vpcId }), ...(tag && { tag }) }, page: page! };
}

/** `key=value` as in `?tag=team=ml`; a bare `key` matches any value. */
export function parseTagFilter(input: string): { key: string; value?: string } {
  const eq = input.indexOf('=');
  const key = eq < 0 ? input : input.slice(0, eq);
  if (key.length === 0) throw new InvalidValue('must be key=value or key');
  return eq < 0 ? { key } : { key, value: input.slice(eq + 1) };
}
