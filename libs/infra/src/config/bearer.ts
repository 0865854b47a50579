// Moved to libs/protocol, which the worker and the agents share.
export { bearerToken, sameSecret } from '@sg/protocol';
