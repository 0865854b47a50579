import type { FieldIssue } from '@sg/domain';

/**
 * The compute service names its hypervisors (often after the host). A DNS-label-like shape keeps
 * the id safe in URLs, logs, stream ids and agent configuration.
 */
const HYPERVISOR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function hypervisorIdIssues(id: string): FieldIssue[] {
  if (HYPERVISOR_ID.test(id)) return [];
  return [{ path: 'id', message: 'must be 1–63 letters, digits, ".", "_" or "-", starting with a letter or digit, like hv-1' }];
}

/** Whether an id could name a hypervisor at all: anything else is simply not found. */
export function isHypervisorIdShape(id: string): boolean {
  return HYPERVISOR_ID.test(id);
}
