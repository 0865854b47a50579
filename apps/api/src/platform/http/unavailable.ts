/** Moved to the infra library, which the worker shares; kept here for the API's own imports. */
export { isUnavailable } from '@sg/infra';
