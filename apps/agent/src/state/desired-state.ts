// One definition for both ends of the protocol (libs/protocol).
export type { DesiredState, StateGroup, StatePort, StateRemoteGroup, StateRule } from '@sg/protocol';
