import { SetMetadata } from '@nestjs/common';

export const OPERATOR_ONLY = 'sg:operator-only';

/** The route is for operators: a member's key gets 403. */
export const OperatorOnly = () => SetMetadata(OPERATOR_ONLY, true);
