/** The Neutron API extensions this face implements (and only those: clients skip what is missing). */
export const EXTENSIONS = [
  ['security-group', 'security-group', 'The security groups extension.'],
  ['quotas', 'Quota management support', 'Expose functions for quotas management per project.'],
  ['standard-attr-tag', 'Tag support for resources with standard attribute: security_group', 'Enables to set tag on resources with standard attribute.'],
  ['standard-attr-description', 'standard-attr-description', 'Extension to add descriptions to standard attributes.'],
  ['project-id', 'project_id field enabled', 'Extension that indicates that project_id field is enabled.'],
  ['sorting', 'Sorting support', 'Enables sorting of resources.'],
  ['pagination', 'Pagination support', 'Enables pagination of resources.'],
  ['standard-attr-timestamp', 'Resource timestamps', 'Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes.'],
  ['standard-attr-revisions', 'Resource revision numbers', 'This extension will display the revision number of neutron resources.'],
].map(([alias, name, description]) => ({ alias, name, description, updated: '2026-12-01T00:00:00-00:00', links: [] as string[] }));
