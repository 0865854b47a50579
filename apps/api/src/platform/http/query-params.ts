import type { FieldIssue } from '@sg/domain';
import { Problem } from './problem';

/** An optional single-valued query parameter; repeated or non-string values are a 400. */
export function optionalParam(query: Record<string, unknown>, name: string, pattern?: RegExp): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > 512 || (pattern && !pattern.test(v))) {
    throw new Problem('validation-failed', `Bad query parameter ${name}.`, [{ path: name, message: 'has an unexpected form' }]);
  }
  return v;
}

/** The shape of every id, as the core checks it. */
export { ID_PATTERN } from '@sg/application';

/** Runs a parser that throws a 400, adding its issues to the others so one answer lists them all. */
export function collectIssues<T>(parse: () => T, issues: FieldIssue[]): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    issues.push(...error.errors);
    return undefined;
  }
}
