/**
 * The security-group use cases (create, read, list, edit, delete, applied-to), one folder each
 * under commands/ and queries/. Listed here so security-groups.module.ts stays a table of contents.
 */
export const GROUP_CONTROLLERS: any[] = [];
export const GROUP_HANDLERS: any[] = [];
