import { hypervisorIdIssues } from '@sg/application';
import { DomainError, FieldIssue, InvalidValue, Issues, ValidationFailed } from '@sg/domain';
import { asObject } from '../parsing/json-input';

/** The agent's base URL: http or https, no credentials, query or fragment. */
export function parseRegisterHypervisorInput(body: unknown): { agentUrl: string } {
  const issues = new Issues();
  const b = asObject(body, '', issues, ['agentUrl']);
  const agentUrl = b
    ? issues.capture('agentUrl', () => {
        if (typeof b.agentUrl !== 'string' || b.agentUrl.length > 2048) throw new InvalidValue('must be the agent\'s http(s) URL');
        let url: URL;
        try {
          url = new URL(b.agentUrl);
        } catch {
          throw new InvalidValue('must be an absolute http(s) URL, like http://10.0.0.7:7001');
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidValue('must use http or https');
        if (url.username || url.password || url.search || url.hash) throw new InvalidValue('must not carry credentials, a query or a fragment');
        return url.toString().replace(/\/$/, '');
      })
    : undefined;
  issues.throwIfAny();
  return { agentUrl: agentUrl! };
}

/** The path's id and the body's fields, every bad one reported together. */
export function parseRegisterHypervisorRequest(hypervisorId: string, body: unknown): { agentUrl: string } {
  const issues: FieldIssue[] = hypervisorIdIssues(hypervisorId);
  try {
    const input = parseRegisterHypervisorInput(body);
    if (issues.length === 0) return input;
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'validation-failed')) throw error;
    issues.push(...error.issues);
  }
  throw new ValidationFailed(issues);
}
