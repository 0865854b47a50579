import { Injectable } from '@nestjs/common';
import { SecurityGroupEvent, SecurityGroupState } from '@sg/domain';
import { SecurityGroupAggregate, SnapshotCache } from '@sg/application';

/**
 * The security groups this API process read lately, each at the version it last saw: every
 * command that loads a group (its own changes, and an instance's registration or deletion, which
 * append to the VPC's default group) reads only the events appended since.
 */
@Injectable()
export class GroupSnapshots extends SnapshotCache<SecurityGroupState, SecurityGroupEvent> {
  constructor() {
    super(SecurityGroupAggregate);
  }
}
